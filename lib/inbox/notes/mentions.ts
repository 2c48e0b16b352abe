/**
 * Who a note mentions: every agent whose name follows an "@" in the body (case-insensitive), ended
 * by the end of the text or a character that cannot continue a name. Longer names are matched
 * first and their text consumed, so "@Ana Lopez" mentions Ana Lopez and not also an agent named Ana.
 * Client-safe: the composer's suggestions and the server use the same rule.
 */
export function findMentions<A extends { id: string; name: string }>(body: string, agents: readonly A[]): A[] {
  const lower = body.toLowerCase();
  const taken: boolean[] = new Array(lower.length).fill(false);
  const found: A[] = [];
  const byLength = [...agents].filter((a) => a.name.trim()).sort((x, y) => y.name.length - x.name.length);
  for (const agent of byLength) {
    const needle = `@${agent.name.trim().toLowerCase()}`;
    let from = 0;
    for (;;) {
      const at = lower.indexOf(needle, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + needle.length;
      if (end < lower.length && /[\p{L}\p{N}_]/u.test(lower[end])) continue;
      if (taken.slice(at, end).some(Boolean)) continue;
      for (let i = at; i < end; i++) taken[i] = true;
      if (!found.includes(agent)) found.push(agent);
    }
  }
  return found;
}

/** The partial "@name" being typed just before the caret, for suggestions; null when not in one. */
export function mentionQueryAt(body: string, caret: number): { start: number; query: string } | null {
  const before = body.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0 || (at > 0 && /[\p{L}\p{N}_]/u.test(before[at - 1]))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /\n/.test(query) || /\s{2}/.test(query)) return null;
  return { start: at, query };
}

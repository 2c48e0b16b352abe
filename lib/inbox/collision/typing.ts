/**
 * Collision detection's timing rules, shared by the inbox and the widget's logic:
 * a typist sends at most one `client-typing` per TYPING_THROTTLE_MS while typing, and a reader
 * shows "… is typing" until TYPING_SHOWN_MS after the last one arrived.
 */
export const TYPING_THROTTLE_MS = 2000;
export const TYPING_SHOWN_MS = 3500;

/** A throttle for outgoing typing events: `take(now)` is true at most once per interval. */
export function typingThrottle(intervalMs = TYPING_THROTTLE_MS) {
  let last = -Infinity;
  return {
    take(now: number) {
      if (now - last < intervalMs) return false;
      last = now;
      return true;
    },
    /** After sending the message: the next keystroke announces typing again at once. */
    reset() {
      last = -Infinity;
    },
  };
}

export type Member = { id: string; name: string; kind: "agent" | "visitor" };

/** Who is typing now: members whose last typing event is recent enough, never oneself. */
export function typingNow(lastTypedAt: Record<string, number>, members: Record<string, Member>, meId: string, now: number): Member[] {
  return Object.entries(lastTypedAt)
    .filter(([id, at]) => id !== meId && now - at < TYPING_SHOWN_MS && members[id])
    .map(([id]) => members[id])
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A presence member's info as the server signed it (anything else: an agent with no name). */
export function memberFrom(id: string, info: unknown): Member {
  const i = (info ?? {}) as { kind?: unknown; name?: unknown };
  if (i.kind === "visitor" || id.startsWith("visitor-")) return { id, name: "Visitor", kind: "visitor" };
  return { id, name: typeof i.name === "string" && i.name ? i.name : "An agent", kind: "agent" };
}

/** "Alice is typing…", "Alice and Bob are typing…", "Alice, Bob and 2 others are typing…". */
export function typingLine(names: string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} other${names.length - 2 === 1 ? "" : "s"} are typing…`;
}

/** "Bob is also viewing" / "Bob and Carol are also viewing". */
export function viewingLine(names: string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is also viewing`;
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} are also viewing`;
}

/** Whether new messages include a reply by another agent (or bot) — the "They replied — send anyway?" trigger. */
export function someoneElseReplied(
  before: { id: string | number }[],
  after: { id: string | number; direction: string | null; kind: string; senderKind: string | null; senderUserId: string | null }[],
  meId: string,
): boolean {
  const seen = new Set(before.map((m) => m.id));
  return after.some((m) => !seen.has(m.id) && m.kind === "message" && m.direction === "out" && m.senderUserId !== meId);
}

/**
 * Turns what a user typed into a safe prefix tsquery ("ali sm" → "ali:* & sm:*"): only letters and
 * digits survive, so no tsquery syntax can be injected. Null when nothing searchable remains.
 */
export function prefixTsQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/** The inbox's keyboard shortcuts (one list: the handler and the "?" help both read it). */
export type ShortcutAction = "next" | "previous" | "reply" | "complete" | "assign" | "tag" | "search" | "savedResponses" | "help" | "palette";

export const SHORTCUTS: { keys: string[]; action: ShortcutAction; description: string }[] = [
  { keys: ["j"], action: "next", description: "Next conversation" },
  { keys: ["k"], action: "previous", description: "Previous conversation" },
  { keys: ["r"], action: "reply", description: "Reply (focus the message field)" },
  { keys: ["e"], action: "complete", description: "Complete the conversation" },
  { keys: ["a"], action: "assign", description: "Assign: pick an agent (type to filter)" },
  { keys: ["t"], action: "tag", description: "Add a tag" },
  { keys: ["/"], action: "search", description: "Search conversations" },
  { keys: ["#"], action: "savedResponses", description: "Insert a saved response (type to filter)" },
  { keys: ["Ctrl", "K"], action: "palette", description: "Command palette (⌘K on a Mac)" },
  { keys: ["?"], action: "help", description: "Show these shortcuts" },
];

/** Also listed in the help: keys every popover and field understands. */
export const GENERAL_KEYS: { keys: string[]; description: string }[] = [
  { keys: ["Esc"], description: "Close any popover or dialog" },
  { keys: ["Enter"], description: "Send the reply (Shift+Enter: new line; switchable under the composer)" },
];

export type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; repeat?: boolean };
export type KeyTarget = { tagName?: string; isContentEditable?: boolean; type?: string } | null;

const TEXT_INPUT_TYPES = new Set(["text", "search", "email", "url", "tel", "password", "number", "date", "datetime-local", "month", "time", "week", ""]);

/** Whether the key goes to a field the user is typing in (shortcuts then never fire). */
export function isTypingTarget(target: KeyTarget): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? "").toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return TEXT_INPUT_TYPES.has((target.type ?? "").toLowerCase());
  return false;
}

/**
 * The shortcut a key press means, or null. Ctrl/⌘+K opens the palette even from a field; every
 * other shortcut is a single key without Ctrl/⌘/Alt and never fires while typing in a field.
 */
export function shortcutFor(press: KeyPress, target: KeyTarget): ShortcutAction | null {
  if ((press.ctrlKey || press.metaKey) && !press.altKey && press.key.toLowerCase() === "k") return "palette";
  if (press.ctrlKey || press.metaKey || press.altKey || press.repeat) return null;
  if (isTypingTarget(target)) return null;
  const found = SHORTCUTS.find((s) => s.keys.length === 1 && s.keys[0] === press.key);
  return found?.action ?? null;
}

/** The conversation j/k moves to: the next/previous in list order, the first when none is open. */
export function neighbour(ids: string[], currentId: string | null, direction: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = currentId ? ids.indexOf(currentId) : -1;
  if (at === -1) return direction === 1 ? ids[0] : ids[ids.length - 1];
  const next = at + direction;
  return next < 0 || next >= ids.length ? null : ids[next];
}

/**
 * Per-conversation drafts, kept in the browser's storage under the signed-in user and the
 * conversation, so they survive switching conversations, reloads and incoming messages, and are
 * never seen by another user of the same browser. Cleared when the draft is sent.
 */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const PREFIX = "conversations:draft:";

export const draftKey = (userId: string, conversationId: string) => `${PREFIX}${userId}:${conversationId}`;

export function readDraft(storage: DraftStorage | null, userId: string, conversationId: string): string {
  try {
    return storage?.getItem(draftKey(userId, conversationId)) ?? "";
  } catch {
    return ""; // storage disabled (private mode, quota): drafts live only in the page
  }
}

export function writeDraft(storage: DraftStorage | null, userId: string, conversationId: string, text: string) {
  try {
    if (text.trim() === "") storage?.removeItem(draftKey(userId, conversationId));
    else storage?.setItem(draftKey(userId, conversationId), text);
  } catch {
    // storage full or disabled: the draft stays in the page
  }
}

/**
 * The composer's text once a send of `sent` has started: the sent text leaves the field, and
 * anything typed since Send was pressed stays. `current` is what the field holds now.
 */
export function textAfterSendStarted(current: string, sent: string): string {
  if (current === sent) return "";
  if (current.startsWith(sent)) return current.slice(sent.length).replace(/^\s*\n/, "");
  return current;
}

/** The composer's text after a send of `sent` failed: the unsent text comes back, before anything typed since. */
export function textAfterSendFailed(current: string, sent: string): string {
  if (current.trim() === "") return sent;
  if (current.startsWith(sent)) return current;
  return `${sent}\n${current}`;
}

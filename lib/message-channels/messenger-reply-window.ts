/** Messenger lets a page answer only within 24 hours of the visitor's last message (SPEC §7). */
export const MESSENGER_REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

export const MESSENGER_WINDOW_CLOSED =
  "Messenger allows replies only within 24 hours of the visitor's last message.";

export function canReplyOnMessenger({
  lastInboundAt,
  now = new Date(),
}: {
  lastInboundAt: Date | null;
  now?: Date;
}): { ok: true } | { ok: false; reason: string } {
  if (!lastInboundAt) return { ok: false, reason: "The visitor has not written on Messenger yet, so the page cannot message them." };
  if (now.getTime() - lastInboundAt.getTime() > MESSENGER_REPLY_WINDOW_MS) return { ok: false, reason: MESSENGER_WINDOW_CLOSED };
  return { ok: true };
}

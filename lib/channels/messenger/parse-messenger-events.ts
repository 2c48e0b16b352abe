import { z } from "zod";

const messagingEvent = z.object({
  sender: z.object({ id: z.string().min(1).max(100) }),
  recipient: z.object({ id: z.string().min(1).max(100) }),
  timestamp: z.number().int().nonnegative(),
  message: z
    .object({
      mid: z.string().min(1).max(500),
      text: z.string().max(20_000).optional(),
      is_echo: z.boolean().optional(),
      attachments: z
        .array(z.object({ type: z.string().max(50), payload: z.object({ url: z.string().max(4000).optional() }).loose().nullish() }).loose())
        .max(20)
        .optional(),
    })
    .loose()
    .optional(),
}).loose();

export const messengerWebhookPayload = z.object({
  object: z.literal("page", { error: "Only page subscriptions are accepted." }),
  entry: z
    .array(
      z.object({
        id: z.string().min(1).max(100),
        time: z.number().optional(),
        messaging: z.array(messagingEvent).max(100).optional(),
      }).loose(),
    )
    .min(1)
    .max(100),
});

/** Attachment types whose payload URL is the file itself. */
const MEDIA_TYPES = new Set(["image", "video", "audio", "file"]);

export type MessengerInbound = {
  pageId: string;
  psid: string;
  mid: string;
  text: string;
  /** Files to fetch into storage (images, video, audio, files). */
  media: { kind: string; url: string }[];
  sentAt: Date;
};

/**
 * The visitor messages in a webhook delivery. Echoes of the page's own sends, delivery and
 * read receipts are skipped; files become media to fetch; another attachment (a location, a
 * shared link) without text becomes a short placeholder.
 */
export function parseMessengerEvents(payload: unknown): { ok: true; messages: MessengerInbound[] } | { ok: false; error: string } {
  const parsed = messengerWebhookPayload.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `Invalid Messenger payload at ${issue.path.join(".") || "body"}: ${issue.message}` };
  }
  const messages: MessengerInbound[] = [];
  for (const entry of parsed.data.entry) {
    for (const event of entry.messaging ?? []) {
      const message = event.message;
      if (!message || message.is_echo) continue;
      const attachments = message.attachments ?? [];
      const media = attachments.flatMap((a) => (MEDIA_TYPES.has(a.type) && a.payload?.url ? [{ kind: a.type, url: a.payload.url }] : []));
      const others = attachments.filter((a) => !(MEDIA_TYPES.has(a.type) && a.payload?.url));
      const text = message.text?.trim() || (others.length ? `[${others.map((a) => a.type).join(", ")} attachment]` : "");
      if (!text && media.length === 0) continue;
      messages.push({ pageId: event.recipient.id, psid: event.sender.id, mid: message.mid, text, media, sentAt: new Date(event.timestamp) });
    }
  }
  return { ok: true, messages };
}

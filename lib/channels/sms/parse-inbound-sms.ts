import { z } from "zod";
import { e164 } from "@/lib/message-channels/phone-number";

/** Longest text kept: ten concatenated segments. */
export const MAX_SMS_BODY = 1600;
/** Media one MMS carries at most (Twilio's limit). */
export const MAX_MMS_MEDIA = 10;

export const inboundSms = z.object({
  MessageSid: z
    .string({ error: "MessageSid is required." })
    .regex(/^[A-Za-z0-9]{10,64}$/, "MessageSid is not a provider message id."),
  From: e164,
  To: e164,
  Body: z.string({ error: "Body is required." }).max(MAX_SMS_BODY, `Body is longer than ${MAX_SMS_BODY} characters.`),
  NumMedia: z.coerce.number().int("NumMedia is not a count.").min(0).max(MAX_MMS_MEDIA, `NumMedia is more than ${MAX_MMS_MEDIA}.`).default(0),
});

export type InboundSms = Omit<z.output<typeof inboundSms>, "NumMedia"> & {
  /** MMS media to fetch (MediaUrl0…): the provider's URLs. */
  media: { url: string; kind: string }[];
};

const mediaUrl = z.string().url("is not a URL.").max(4000);

/** Provider form fields (Twilio-style) → a validated inbound text (or MMS), or the first problem. */
export function parseInboundSms(params: Record<string, string>): { ok: true; sms: InboundSms } | { ok: false; error: string } {
  const parsed = inboundSms.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue.path.join(".") || "form"}: ${issue.message}` };
  }
  const { NumMedia, ...sms } = parsed.data;
  const media: InboundSms["media"] = [];
  for (let i = 0; i < NumMedia; i++) {
    const url = mediaUrl.safeParse(params[`MediaUrl${i}`]);
    if (!url.success) return { ok: false, error: `MediaUrl${i}: ${url.error.issues[0].message}` };
    const type = params[`MediaContentType${i}`] ?? "";
    media.push({ url: url.data, kind: type.startsWith("image/") ? "image" : type.startsWith("video/") ? "video" : "file" });
  }
  if (!sms.Body.trim() && media.length === 0) return { ok: false, error: "Body: Body is empty." };
  return { ok: true, sms: { ...sms, media } };
}

import { z } from "zod";
import { e164 } from "@/lib/message-channels/phone-number";

/** Longest text kept: ten concatenated segments. */
export const MAX_SMS_BODY = 1600;

export const inboundSms = z.object({
  MessageSid: z
    .string({ error: "MessageSid is required." })
    .regex(/^[A-Za-z0-9]{10,64}$/, "MessageSid is not a provider message id."),
  From: e164,
  To: e164,
  Body: z
    .string({ error: "Body is required." })
    .max(MAX_SMS_BODY, `Body is longer than ${MAX_SMS_BODY} characters.`)
    .refine((b) => b.trim().length > 0, "Body is empty."),
});

export type InboundSms = z.output<typeof inboundSms>;

/** Provider form fields (Twilio-style) → a validated inbound text, or the first problem. */
export function parseInboundSms(params: Record<string, string>): { ok: true; sms: InboundSms } | { ok: false; error: string } {
  const parsed = inboundSms.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue.path.join(".") || "form"}: ${issue.message}` };
  }
  return { ok: true, sms: parsed.data };
}

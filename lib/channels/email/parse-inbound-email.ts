import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { maxAttachmentBytes } from "@/lib/attachments/attachment-limits";
import { sanitizeEmailHtml, textOfHtml } from "./sanitize-email-html";

/**
 * Larger raw messages are refused before parsing: 5 MB for the text, and room for attachments
 * of MAX_ATTACHMENT_MB twice over (base64 makes a file a third larger on the wire).
 */
export function maxInboundEmailBytes(env: Record<string, string | undefined> = process.env): number {
  return 5 * 1024 * 1024 + 2 * maxAttachmentBytes(env);
}
/** The message body kept in the inbox. */
export const MAX_EMAIL_BODY_CHARS = 100_000;

export type InboundEmailErrorCode = "too_large" | "malformed" | "missing_sender" | "empty";

/** Why an inbound email cannot be accepted; `status` is the HTTP answer for the provider. */
export class InboundEmailError extends Error {
  readonly status: 400 | 413 | 422;
  constructor(readonly code: InboundEmailErrorCode, message: string) {
    super(message);
    this.name = "InboundEmailError";
    this.status = code === "too_large" ? 413 : code === "malformed" ? 400 : 422;
  }
}

export type InboundEmail = {
  from: { address: string; name: string };
  /** Every recipient address (To, Cc, Delivered-To, X-Original-To), lower-case. */
  recipients: string[];
  subject: string;
  text: string;
  /** Sanitized with the strict allow-list; null when the mail had no HTML part. */
  html: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Its files: attachments, and inline images (shown in the mail's body, named by Content-ID). */
  attachments: InboundEmailFile[];
};

export type InboundEmailFile = { fileName: string | null; bytes: Buffer; contentId: string | null; inline: boolean };

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** Parses raw MIME (RFC 5322) posted by a mail provider. Throws InboundEmailError. */
export async function parseInboundEmail(raw: Buffer | string, { maxBytes = maxInboundEmailBytes() } = {}): Promise<InboundEmail> {
  const size = typeof raw === "string" ? Buffer.byteLength(raw) : raw.byteLength;
  if (size > maxBytes) throw new InboundEmailError("too_large", `The email is larger than ${Math.floor(maxBytes / 1024)} KB.`);
  if (size === 0) throw new InboundEmailError("malformed", "The request body is empty; post the raw email (MIME).");

  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch {
    throw new InboundEmailError("malformed", "The email could not be parsed as MIME.");
  }
  if (mail.headers.size === 0) throw new InboundEmailError("malformed", "The body is not an email: it has no headers.");

  const sender = addressesOf(mail.from)[0];
  if (!sender || !ADDRESS.test(sender.address)) {
    throw new InboundEmailError("missing_sender", "The email has no valid From address.");
  }

  const html = typeof mail.html === "string" && mail.html.trim() ? sanitizeEmailHtml(mail.html) : null;
  const text = (mail.text?.trim() ? mail.text : html ? textOfHtml(html) : "").trim();
  const attachments: InboundEmailFile[] = mail.attachments.map((a) => ({
    fileName: a.filename ?? null,
    bytes: a.content,
    contentId: a.contentId ? a.contentId.replace(/^<|>$/g, "").slice(0, 500) : null,
    inline: a.contentDisposition === "inline" || a.related === true,
  }));
  if (!text && attachments.length === 0) throw new InboundEmailError("empty", "The email has no text.");

  const recipients = new Set<string>();
  for (const list of [mail.to, mail.cc]) for (const a of addressesOf(list)) recipients.add(a.address);
  for (const header of ["delivered-to", "x-original-to", "x-envelope-to"]) {
    for (const a of headerAddresses(mail.headers.get(header))) recipients.add(a);
  }

  return {
    from: { address: sender.address, name: sender.name },
    recipients: [...recipients],
    subject: (mail.subject ?? "").trim().slice(0, 500),
    text: text.length > MAX_EMAIL_BODY_CHARS ? `${text.slice(0, MAX_EMAIL_BODY_CHARS - 1)}…` : text,
    html,
    messageId: normalizeMessageId(mail.messageId),
    inReplyTo: normalizeMessageId(mail.inReplyTo),
    references: (Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [])
      .flatMap((r) => r.split(/\s+/))
      .map(normalizeMessageId)
      .filter((r): r is string => !!r),
    attachments,
  };
}

/** `<id@host>` with brackets, trimmed; null for anything that is not one. */
export function normalizeMessageId(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const bare = trimmed.replace(/^<|>$/g, "");
  if (!bare || bare.length > 900 || /[\s<>]/.test(bare)) return null;
  return `<${bare}>`;
}

function addressesOf(list: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const objects = Array.isArray(list) ? list : list ? [list] : [];
  const out: { address: string; name: string }[] = [];
  const walk = (entries: AddressObject["value"]) => {
    for (const e of entries) {
      if (e.group) walk(e.group);
      else if (e.address) out.push({ address: e.address.trim().toLowerCase(), name: (e.name ?? "").trim() });
    }
  };
  for (const o of objects) walk(o.value);
  return out;
}

function headerAddresses(value: unknown): string[] {
  if (!value) return [];
  if (typeof value === "string") return value.split(/[,\s]+/).map((v) => v.replace(/^<|>$/g, "").toLowerCase()).filter((v) => ADDRESS.test(v));
  if (Array.isArray(value)) return value.flatMap(headerAddresses);
  if (typeof value === "object" && "value" in (value as object)) return addressesOf(value as AddressObject).map((a) => a.address);
  return [];
}

import { randomUUID } from "node:crypto";
import type { MailAttachment, OutgoingMail } from "@/lib/mail/send-mail";
import { formatTranscript, type TranscriptEntry } from "./chat-transcript";
import { inboundEmailDomain, replyAddressFor } from "./reply-address";

export type ReplyEmailInput = {
  accountId: string;
  accountName: string;
  conversationId: string;
  to: { address: string; name?: string | null };
  body: string;
  /** Subject of the thread so far (the contact's last email), if any. */
  threadSubject?: string | null;
  /** Message-IDs of the thread's emails, oldest first; the last one is answered. */
  threadMessageIds?: readonly string[];
  /** Chat messages this email follows; appended as a transcript. */
  transcript?: readonly TranscriptEntry[];
  attachments?: MailAttachment[];
  /** A fixed Message-ID (a delivery's, the same on every attempt); a new one otherwise. */
  messageId?: string;
  /** Settings → Channels → Email: the From name (blank = the account's name) and an extra reply-to address. */
  sender?: { fromName: string; replyTo: string };
};

/** Message-IDs are ours: a random id at the inbound domain, so replies can be matched to them. */
export const newMessageId = () => messageIdFor(randomUUID());

/** The Message-ID of a delivery: its idempotency key at the inbound domain, the same on every attempt. */
export const messageIdFor = (key: string) => `<${key}@${inboundEmailDomain()}>`;

const MAX_REFERENCES = 20;

/**
 * Builds an agent's email answer with proper threading (Message-ID, In-Reply-To, References)
 * and Reply-To set to the conversation's signed reply address, so the contact's answer comes
 * back to the same conversation even when their mail client drops the threading headers.
 */
export function composeReplyEmail(input: ReplyEmailInput): OutgoingMail & { messageId: string } {
  const ids = input.threadMessageIds ?? [];
  const subject = input.threadSubject?.trim()
    ? /^re:/i.test(input.threadSubject.trim())
      ? input.threadSubject.trim()
      : `Re: ${input.threadSubject.trim()}`
    : `Your conversation with ${input.accountName}`;
  const transcript = formatTranscript(input.transcript ?? []);
  const text = transcript ? `${input.body}\n\n${transcript}\n` : input.body;
  const replyTo = replyAddressFor(input.conversationId);
  const messageId = input.messageId ?? newMessageId();
  const fromAddress = process.env.MAIL_FROM_ADDRESS ?? replyTo;
  return {
    accountId: input.accountId,
    to: input.to.name ? `"${input.to.name.replace(/["\\\r\n]/g, "")}" <${input.to.address}>` : input.to.address,
    from: `"${(input.sender?.fromName || input.accountName).replace(/["\\\r\n]/g, "")}" <${fromAddress}>`,
    subject,
    text,
    // The conversation's signed address stays first, so answers thread even when the extra one is used too.
    headers: { "Reply-To": input.sender?.replyTo ? `${replyTo}, ${input.sender.replyTo}` : replyTo },
    messageId,
    inReplyTo: ids.at(-1),
    references: ids.length ? ids.slice(-MAX_REFERENCES) : undefined,
    attachments: input.attachments,
  };
}

import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type { Db } from "@/db/database";
import { mailLocalMailbox } from "@/db/schema";
import { fileStorage } from "@/lib/files/active-file-storage";
import type { FileStorage } from "@/lib/files/file-storage";
import { accountMailKey } from "@/lib/files/storage-keys";

export type MailAttachment = { filename: string; contentType: string; content: Buffer };

export type OutgoingMail = {
  accountId?: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  from?: string;
  headers?: Record<string, string>;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Sent as MIME attachments. */
  attachments?: MailAttachment[];
};

export const defaultFrom = () => process.env.MAIL_FROM ?? "Conversations <no-reply@conversations.local>";

/**
 * Sends by SMTP when SMTP_URL is set; otherwise renders the message with nodemailer's JSON
 * transport and keeps it in the local mail mailbox (table `mail_outbox`), where admins can read it.
 * A mail with attachments is also rendered as the exact MIME message SMTP would carry, kept in
 * file storage for admins to download (.eml); the JSON then lists the files instead of their bytes.
 */
export async function sendMail({
  db,
  mail,
  id = randomUUID(),
  storage = fileStorage(),
}: {
  db: Db;
  mail: OutgoingMail;
  /** The local mailbox row's id: a retry with the same id keeps one row (the mailbox honours it as an idempotency key). */
  id?: string;
  storage?: FileStorage;
}) {
  const message = {
    from: mail.from ?? defaultFrom(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
  };
  const attachments = mail.attachments ?? [];
  const smtpUrl = process.env.SMTP_URL;
  if (smtpUrl) {
    const info = await nodemailer.createTransport(smtpUrl).sendMail({ ...message, attachments });
    return { messageId: info.messageId as string, delivered: "smtp" as const };
  }
  const info = await nodemailer.createTransport({ jsonTransport: true }).sendMail(message);
  const rendered = JSON.parse(info.message as string) as Record<string, unknown>;
  let rawKey: string | null = null;
  if (attachments.length > 0 && mail.accountId) {
    const raw = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail({ ...message, attachments });
    rawKey = accountMailKey(mail.accountId, id);
    await storage.put(rawKey, raw.message as Buffer, { contentType: "message/rfc822" });
    rendered.attachments = attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.length }));
  }
  await db.insert(mailLocalMailbox).values({
    id,
    accountId: mail.accountId ?? null,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    message: rendered,
    rawKey,
  }).onConflictDoNothing();
  return { messageId: info.messageId as string, delivered: "local-mailbox" as const };
}

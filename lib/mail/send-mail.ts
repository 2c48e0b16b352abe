import nodemailer from "nodemailer";
import type { Db } from "@/db/database";
import { mailLocalMailbox } from "@/db/schema";

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
};

export const defaultFrom = () => process.env.MAIL_FROM ?? "Conversations <no-reply@conversations.local>";

/**
 * Sends by SMTP when SMTP_URL is set; otherwise renders the message with nodemailer's JSON
 * transport and keeps it in the local mail mailbox (table `mail_outbox`), where admins can read it.
 */
export async function sendMail({ db, mail }: { db: Db; mail: OutgoingMail }) {
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
  const smtpUrl = process.env.SMTP_URL;
  if (smtpUrl) {
    const info = await nodemailer.createTransport(smtpUrl).sendMail(message);
    return { messageId: info.messageId as string, delivered: "smtp" as const };
  }
  const info = await nodemailer.createTransport({ jsonTransport: true }).sendMail(message);
  const rendered = JSON.parse(info.message as string) as Record<string, unknown>;
  await db.insert(mailLocalMailbox).values({
    accountId: mail.accountId ?? null,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    message: rendered,
  });
  return { messageId: info.messageId as string, delivered: "local-mailbox" as const };
}

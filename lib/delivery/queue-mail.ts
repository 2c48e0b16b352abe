import type { Db } from "@/db/database";
import { enqueueJob } from "@/lib/job-queue/enqueue-job";
import type { OutgoingMail } from "@/lib/mail/send-mail";
import { randomUUID } from "node:crypto";

/** A mail the app sends for itself (an invite, a trial reminder, a sales request), without attachments. */
export type QueuedMail = Omit<OutgoingMail, "attachments" | "messageId">;

export type SendMailJob = { mail: QueuedMail; key: string };

export const SEND_MAIL_QUEUE = "send-mail" as const;

/**
 * Queues a mail in the caller's transaction: it is sent if and only if the change that
 * mails it commits (the invite exists, the trial changed), by the job runner, with retries.
 * `key` is the mail's idempotency key (its Message-ID and local mailbox row id).
 */
export async function queueMail({ tx, mail }: { tx: Db; mail: QueuedMail }) {
  const key = randomUUID();
  await enqueueJob(tx, SEND_MAIL_QUEUE, { mail, key } satisfies SendMailJob, { retryLimit: 4, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 });
  return { key };
}

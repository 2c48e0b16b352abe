import type { Db } from "@/db/database";
import { defaultFrom, sendMail } from "@/lib/mail/send-mail";
import { failureReason, isPermanentFailure } from "./delivery-failure";
import type { SendMailJob } from "./queue-mail";

/**
 * The send-mail job: the same Message-ID and local mailbox id on every attempt, so a retry after
 * a lost answer is one mail. A temporary failure throws (pg-boss retries it with backoff); a
 * permanent one (an SMTP 5xx) is reported and not retried.
 */
export async function runSendMailJob({ db, job }: { db: Db; job: SendMailJob }) {
  try {
    const sent = await sendMail({ db, id: job.key, mail: { ...job.mail, messageId: `<${job.key}@${mailDomain(job.mail.from ?? defaultFrom())}>` } });
    return { status: "sent" as const, messageId: sent.messageId };
  } catch (error) {
    if (isPermanentFailure(error)) return { status: "failed" as const, error: failureReason(error) };
    throw error;
  }
}

function mailDomain(from: string) {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "conversations.local";
}

import { and, eq, sql } from "drizzle-orm";
import { messageDeliveries } from "@/db/schema";
import type { Db } from "@/db/database";
import { enqueueJob } from "@/lib/job-queue/enqueue-job";
import type { Channel } from "@/lib/message-channels/message-channels";
import { deliveryRetryPolicy } from "./delivery-policy";

/** What the deliver-message job carries: which message, of which account. */
export type DeliverMessageJob = { accountId: string; messageId: number };

export const DELIVER_MESSAGE_QUEUE = "deliver-message" as const;

/**
 * The one rule for what leaves through a channel (SPEC §7), called in the transaction that
 * stores the message: an outbound message on email, SMS or Messenger gets a pending delivery
 * row (with the SMS number the agent picked) and a job that sends it — both commit with the
 * message or not at all. Web chat needs no provider: the realtime event in the same transaction
 * is its delivery, so it is sent on commit. A private note is never delivered.
 */
export async function queueMessageDelivery({
  tx,
  message,
  smsFrom = null,
}: {
  tx: Db;
  message: { id: number; accountId: string; conversationId: string; channel: Channel | null; kind?: "message" | "status" | "note" };
  smsFrom?: string | null;
}): Promise<{ queued: boolean }> {
  // Only messages leave: never a private note (issue 16) or a status line.
  if (!message.channel || (message.kind ?? "message") !== "message") return { queued: false };
  const base = { messageId: message.id, accountId: message.accountId, conversationId: message.conversationId, channel: message.channel };
  if (message.channel === "chat") {
    await tx.insert(messageDeliveries).values({ ...base, status: "sent", attempts: 1, sentAt: new Date() }).onConflictDoNothing();
    return { queued: false };
  }
  await tx.insert(messageDeliveries).values({ ...base, fromAddress: message.channel === "sms" ? smsFrom : null });
  await enqueueJob(tx, DELIVER_MESSAGE_QUEUE, { accountId: message.accountId, messageId: message.id } satisfies DeliverMessageJob, deliveryRetryPolicy());
  return { queued: true };
}

export const NOT_WAITING_FOR_RETRY = "This message is not waiting for a retry: it is sent or still being sent.";
export const NO_SUCH_DELIVERY = "Message not found.";

/**
 * "Retry" on a delivery that failed: back to pending with a new idempotency key (the provider
 * may have kept the refusal under the old one) and a new job, in the caller's transaction.
 * Only a failed delivery of this account qualifies, taken with a conditional update, so two
 * clicks queue one job.
 */
export async function requeueFailedDelivery({ tx, accountId, messageId }: { tx: Db; accountId: string; messageId: number }) {
  const [row] = await tx
    .update(messageDeliveries)
    .set({ status: "pending", lastError: null, idempotencyKey: sql`gen_random_uuid()` })
    .where(and(eq(messageDeliveries.messageId, messageId), eq(messageDeliveries.accountId, accountId), eq(messageDeliveries.status, "failed")))
    .returning({ conversationId: messageDeliveries.conversationId });
  if (!row) {
    const [exists] = await tx
      .select({ status: messageDeliveries.status })
      .from(messageDeliveries)
      .where(and(eq(messageDeliveries.messageId, messageId), eq(messageDeliveries.accountId, accountId)));
    return { ok: false as const, error: exists ? NOT_WAITING_FOR_RETRY : NO_SUCH_DELIVERY };
  }
  await enqueueJob(tx, DELIVER_MESSAGE_QUEUE, { accountId, messageId } satisfies DeliverMessageJob, deliveryRetryPolicy());
  return { ok: true as const, conversationId: row.conversationId };
}

import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { messageDeliveries, messages } from "@/db/schema";
import { failureReason, isPermanentFailure } from "@/lib/delivery/delivery-failure";
import type { DeliverMessageJob } from "@/lib/delivery/queue-message-delivery";
import { messageDeliveryChanged } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import type { SendOutbound } from "./outbound-message";
import { sendOutbound } from "./send-outbound";

export type DeliveryOutcome =
  | { status: "sent"; providerMessageId: string | null; alreadySent: boolean }
  | { status: "failed"; error: string; permanent: boolean }
  /** A temporary failure with attempts left: the job throws and pg-boss retries it after a backoff. */
  | { status: "retry"; error: string };

/**
 * The deliver-message job: sends one committed outbound message through its channel and
 * settles its delivery row. Every attempt is counted before the provider call; success records
 * the provider's id; a permanent failure, or a temporary one on the last attempt, records
 * "failed" with the provider's reason. Each status change goes out as a realtime event.
 * A delivery already sent is never sent again (a duplicate or late job does nothing).
 */
export async function deliverOutbound({
  db,
  job,
  attempt = { retryCount: 0, retryLimit: 0 },
  send = sendOutbound,
  now = () => new Date(),
}: {
  db: Db;
  job: DeliverMessageJob;
  /** From pg-boss: how many retries came before this attempt, and how many are allowed. */
  attempt?: { retryCount: number; retryLimit: number };
  send?: SendOutbound;
  now?: () => Date;
}): Promise<DeliveryOutcome> {
  const { accountId, messageId } = job;
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.accountId, accountId), eq(messages.direction, "out"), eq(messages.kind, "message")));
  if (!message?.channel) return { status: "failed", error: "No such outbound message.", permanent: true };

  // Count the attempt (its own statement, so it stays counted whatever happens next) — unless
  // the delivery is already settled: sent, or failed and not retried since.
  const [claimed] = await db
    .update(messageDeliveries)
    .set({ attempts: sql`${messageDeliveries.attempts} + 1`, lastAttemptAt: now() })
    .where(and(eq(messageDeliveries.messageId, messageId), eq(messageDeliveries.accountId, accountId), eq(messageDeliveries.status, "pending")))
    .returning();
  if (!claimed) {
    const [row] = await db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, messageId));
    if (row?.status === "failed") return { status: "failed", error: row.lastError ?? "Not delivered.", permanent: true };
    return { status: "sent", providerMessageId: row?.providerMessageId ?? null, alreadySent: true };
  }

  try {
    const sent = await send(db, message, { smsFrom: claimed.fromAddress, idempotencyKey: claimed.idempotencyKey });
    await settle(db, message, {
      status: "sent",
      providerMessageId: sent.providerMessageId,
      fromAddress: sent.from,
      toAddress: sent.to,
      sentAt: now(),
      lastError: null,
    });
    return { status: "sent", providerMessageId: sent.providerMessageId, alreadySent: false };
  } catch (error) {
    const reason = failureReason(error);
    const permanent = isPermanentFailure(error);
    if (permanent || attempt.retryCount >= attempt.retryLimit) {
      await settle(db, message, { status: "failed", lastError: reason });
      return { status: "failed", error: reason, permanent };
    }
    // Still "Sending…": the reason is kept for the thread while the next attempt waits.
    await db.update(messageDeliveries).set({ lastError: reason }).where(eq(messageDeliveries.messageId, messageId));
    return { status: "retry", error: reason };
  }
}

async function settle(
  db: Db,
  message: typeof messages.$inferSelect,
  change: Partial<typeof messageDeliveries.$inferInsert> & { status: "sent" | "failed" },
) {
  await db.transaction(async (tx) => {
    await tx.update(messageDeliveries).set(change).where(eq(messageDeliveries.messageId, message.id));
    await recordEvents({
      tx,
      events: [messageDeliveryChanged(message.accountId, message.conversationId, message.id, change.status, change.lastError ?? undefined)],
    });
  });
}

/** The job runner's handler: a temporary failure with attempts left throws, so pg-boss retries with backoff. */
export async function runDeliverMessageJob(args: Parameters<typeof deliverOutbound>[0]) {
  const outcome = await deliverOutbound(args);
  if (outcome.status === "retry") throw new Error(outcome.error);
  return outcome;
}

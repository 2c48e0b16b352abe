import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { messageDeliveries, messages } from "@/db/schema";
import { sendOutbound } from "./send-outbound";

export type DeliveryOutcome =
  | { ok: true; status: "sent"; providerMessageId: string | null; alreadySent: boolean }
  | { ok: false; status: "failed"; error: string };

/**
 * Sends a committed outbound message (agent reply or bot message) through its channel.
 * The delivery row is written first and settled after the provider call, so a failure is
 * recorded (status, attempts, error) rather than lost, and a repeated call never sends twice
 * once it succeeded. Web chat needs no provider: the realtime event already carries it.
 */
export async function deliverOutbound({
  db,
  accountId,
  messageId,
  smsFrom,
}: {
  db: Db;
  accountId: string;
  messageId: number;
  /** The agent's pick among the account's numbers; the first number otherwise. */
  smsFrom?: string | null;
}): Promise<DeliveryOutcome> {
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.accountId, accountId), eq(messages.direction, "out"), eq(messages.kind, "message")));
  if (!message || !message.channel) return { ok: false, status: "failed", error: "No such outbound message." };

  await db
    .insert(messageDeliveries)
    .values({ messageId, accountId, conversationId: message.conversationId, channel: message.channel })
    .onConflictDoNothing();
  // Claim the attempt: only one caller sends a pending/failed delivery; a sent one is done.
  const [claimed] = await db
    .update(messageDeliveries)
    .set({ attempts: sql`${messageDeliveries.attempts} + 1`, lastError: null })
    .where(and(eq(messageDeliveries.messageId, messageId), sql`${messageDeliveries.status} <> 'sent'`))
    .returning({ attempts: messageDeliveries.attempts });
  if (!claimed) {
    const [row] = await db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, messageId));
    return { ok: true, status: "sent", providerMessageId: row?.providerMessageId ?? null, alreadySent: true };
  }

  try {
    const sent = await sendOutbound(db, message, smsFrom ?? null);
    await db
      .update(messageDeliveries)
      .set({ status: "sent", providerMessageId: sent.providerMessageId, fromAddress: sent.from, toAddress: sent.to, sentAt: new Date() })
      .where(eq(messageDeliveries.messageId, messageId));
    return { ok: true, status: "sent", providerMessageId: sent.providerMessageId, alreadySent: false };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    await db.update(messageDeliveries).set({ status: "failed", lastError: text.slice(0, 1000) }).where(eq(messageDeliveries.messageId, messageId));
    return { ok: false, status: "failed", error: text };
  }
}

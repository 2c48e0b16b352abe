import type { Db } from "@/db/database";
import type { messages } from "@/db/schema";

/** A committed outbound message (agent reply or bot message) on its way to the contact. */
export type OutboundMessage = typeof messages.$inferSelect;

/** What a channel's sender reports back: the provider's id for the message and the two ends it went between. */
export type SentOutbound = { providerMessageId: string | null; from: string | null; to: string | null };

/** How this attempt sends: the SMS number picked (if any) and the key the provider deduplicates by. */
export type SendContext = { smsFrom: string | null; idempotencyKey: string };

export type SendOutbound = (db: Db, message: OutboundMessage, context: SendContext) => Promise<SentOutbound>;

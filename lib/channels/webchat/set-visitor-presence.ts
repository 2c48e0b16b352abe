import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { conversations } from "@/db/schema";
import { conversationChanged } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";

/**
 * Presence (SPEC §7): the visitor's presence channel became occupied (online) or vacated
 * (away). Only a change writes and emits, so the agents' green dot follows without noise.
 * Only a conversation of `accountId` (the account the channel names) is ever touched.
 */
export async function setVisitorPresence({ db, accountId, conversationId, online }: { db: Db; accountId: string; conversationId: string; online: boolean }) {
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(conversations)
      .set({ visitorOnline: online })
      .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, accountId), sql`${conversations.visitorOnline} IS DISTINCT FROM ${online}`))
      .returning({ accountId: conversations.accountId });
    if (!changed) return false;
    await recordEvents({ tx, events: [conversationChanged(changed.accountId, conversationId, "presence", { visitorOnline: online })] });
    return true;
  });
}

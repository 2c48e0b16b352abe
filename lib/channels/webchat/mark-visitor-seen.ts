import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { webchatVisitorReads } from "@/db/schema";

/** The visitor has seen everything up to `messageId` (never moves backwards). */
export async function markVisitorSeen({ db, accountId, conversationId, messageId }: { db: Db; accountId: string; conversationId: string; messageId: number }) {
  await db
    .insert(webchatVisitorReads)
    .values({ conversationId, accountId, lastSeenMessageId: messageId })
    .onConflictDoUpdate({
      target: webchatVisitorReads.conversationId,
      set: { lastSeenMessageId: sql`GREATEST(${webchatVisitorReads.lastSeenMessageId}, ${messageId})`, updatedAt: new Date() },
    });
}

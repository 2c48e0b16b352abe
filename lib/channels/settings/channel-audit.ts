import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { channelConfigChanges, users } from "@/db/schema";
import type { Actor } from "@/lib/access/permissions";
import type { ChannelCard } from "@/lib/realtime/events";

/** Records who changed what on a channel card, in the change's own transaction. The summary never holds a secret. */
export async function recordChannelChange(tx: Db, actor: Actor, channel: ChannelCard, summary: string) {
  await tx.insert(channelConfigChanges).values({ accountId: actor.accountId, actorId: actor.userId, channel, summary });
}

export type ChannelChange = { id: string; summary: string; actorName: string | null; createdAt: Date };

/** The latest configuration changes of one channel card, newest first. */
export async function recentChannelChanges({
  db,
  accountId,
  channel,
  limit = 5,
}: {
  db: Db;
  accountId: string;
  channel: ChannelCard;
  limit?: number;
}): Promise<ChannelChange[]> {
  return db
    .select({ id: channelConfigChanges.id, summary: channelConfigChanges.summary, actorName: users.name, createdAt: channelConfigChanges.createdAt })
    .from(channelConfigChanges)
    .leftJoin(users, eq(users.id, channelConfigChanges.actorId))
    .where(and(eq(channelConfigChanges.accountId, accountId), eq(channelConfigChanges.channel, channel)))
    .orderBy(desc(channelConfigChanges.createdAt))
    .limit(limit);
}

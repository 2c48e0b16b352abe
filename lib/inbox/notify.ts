import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { notifications, users } from "@/db/schema";
import { notificationCreated, type NewEvent } from "@/lib/realtime/events";

export type NotificationKind = (typeof notifications.$inferSelect)["kind"];

/**
 * Notifies every Agent of the account except the one who caused it (SPEC §6), in one statement.
 * Returns the outbox events for the caller to record last in its transaction.
 */
export async function notifyAllAgents({
  tx,
  accountId,
  conversationId,
  kind,
  actorId = null,
}: {
  tx: Db;
  accountId: string;
  conversationId: string;
  kind: NotificationKind;
  actorId?: string | null;
}): Promise<NewEvent[]> {
  const recipients = and(
    eq(users.accountId, accountId),
    eq(users.accessLevel, "agent"),
    actorId ? ne(users.id, actorId) : undefined,
  );
  const rows = await tx
    .insert(notifications)
    .select(
      tx
        .select({
          id: sql`gen_random_uuid()`.as("id"),
          accountId: users.accountId,
          userId: users.id,
          kind: sql`${kind}::notification_kind`.as("kind"),
          conversationId: sql`${conversationId}::uuid`.as("conversation_id"),
          actorId: sql`${actorId}::uuid`.as("actor_id"),
          messageId: sql`null::bigint`.as("message_id"),
          createdAt: sql`now()`.as("created_at"),
          readAt: sql`null::timestamptz`.as("read_at"),
        })
        .from(users)
        .where(recipients),
    )
    .returning({ id: notifications.id, userId: notifications.userId });
  return rows.map((r) => notificationCreated(accountId, r.userId, { id: r.id, kind, conversationId }));
}

/** Notifies one Agent, unless they caused it themselves. */
export async function notifyAgent({
  tx,
  accountId,
  userId,
  conversationId,
  kind,
  actorId = null,
}: {
  tx: Db;
  accountId: string;
  userId: string;
  conversationId: string;
  kind: NotificationKind;
  actorId?: string | null;
}): Promise<NewEvent[]> {
  if (userId === actorId) return [];
  const [row] = await tx
    .insert(notifications)
    .values({ accountId, userId, conversationId, kind, actorId })
    .returning({ id: notifications.id });
  return [notificationCreated(accountId, userId, { id: row.id, kind, conversationId })];
}

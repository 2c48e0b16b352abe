import { and, count, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { contacts, conversations, notifications, users } from "@/db/schema";
import { can, type Actor } from "@/lib/access/permissions";
import type { NotificationKind } from "@/lib/realtime/events";

export type NotificationItem = {
  id: string;
  kind: NotificationKind;
  conversationId: string;
  /** The message it points at (a mention's note), for opening the thread scrolled to it. */
  messageId: number | null;
  conversationNumber: number;
  contactName: string;
  actorName: string | null;
  createdAt: string;
  read: boolean;
};

/** The bell's list: the user's own notifications, newest first; none for viewers and No access (SPEC §6). */
export async function listNotifications({
  db,
  actor,
  before,
  limit = 20,
}: {
  db: Db;
  actor: Actor;
  before?: { createdAt: string; id: string };
  limit?: number;
}): Promise<NotificationItem[]> {
  if (!can(actor, "notifications.receive")) return [];
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      conversationId: notifications.conversationId,
      messageId: notifications.messageId,
      conversationNumber: conversations.number,
      contactName: sql<string>`coalesce(${contacts.name}, ${conversations.externalName}, 'Visitor')`,
      actorName: users.name,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .innerJoin(conversations, eq(conversations.id, notifications.conversationId))
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(
      and(
        eq(notifications.userId, actor.userId),
        eq(notifications.accountId, actor.accountId),
        before
          ? or(
              lt(notifications.createdAt, new Date(before.createdAt)),
              and(eq(notifications.createdAt, new Date(before.createdAt)), lt(notifications.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(Math.min(Math.max(limit, 1), 100));
  return rows.map(({ readAt, createdAt, ...r }) => ({ ...r, createdAt: createdAt.toISOString(), read: readAt !== null }));
}

/** For the dot on the inbox icon and the bell's badge. */
export async function countUnreadNotifications({ db, actor }: { db: Db; actor: Actor }): Promise<number> {
  if (!can(actor, "notifications.receive")) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return row.n;
}

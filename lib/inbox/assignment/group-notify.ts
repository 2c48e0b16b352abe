import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/database";
import { groupMembers, notifications, users } from "@/db/schema";
import { notificationCreated, type NewEvent } from "@/lib/realtime/events";
import type { NotificationKind } from "../notify";

/** Notifies the Agents among a group's members (not the one who caused it), in one statement. */
export async function notifyGroupMembers({
  tx,
  accountId,
  groupId,
  conversationId,
  kind,
  actorId = null,
}: {
  tx: Db;
  accountId: string;
  groupId: string;
  conversationId: string;
  kind: NotificationKind;
  actorId?: string | null;
}): Promise<NewEvent[]> {
  const members = await tx
    .select({ id: users.id })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(
      and(
        eq(groupMembers.groupId, groupId),
        eq(groupMembers.accountId, accountId),
        eq(users.accountId, accountId),
        eq(users.accessLevel, "agent"),
        actorId ? ne(users.id, actorId) : undefined,
      ),
    );
  if (!members.length) return [];
  const rows = await tx
    .insert(notifications)
    .values(members.map((m) => ({ accountId, userId: m.id, conversationId, kind, actorId })))
    .returning({ id: notifications.id, userId: notifications.userId });
  return rows.map((r) => notificationCreated(accountId, r.userId, { id: r.id, kind, conversationId }));
}

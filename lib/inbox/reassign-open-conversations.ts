import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/database";
import { conversations, messages, notifications, users } from "@/db/schema";
import { conversationChanged, messageCreated, notificationCreated, type NewEvent } from "@/lib/realtime/events";

/** Open conversations assigned to `userId` in the account. */
export async function countOpenAssignedConversations({ db, accountId, userId }: { db: Db; accountId: string; userId: string }) {
  const [row] = await db
    .select({ n: count() })
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.assigneeId, userId), eq(conversations.status, "open")));
  return row.n;
}

/**
 * Hands a demoted agent's open conversations to another Agent or back to Unassigned (SPEC §2),
 * inside the caller's transaction (roles' setAccessLevel, which already holds the seat lock and
 * the users' rows and has checked that `toUserId` is an Agent of the account). One conditional
 * update moves them; status messages and notifications follow SPEC §5–§6. Returns the outbox
 * events for the caller to record last; records nothing itself.
 */
export async function reassignOpenConversations({
  tx,
  accountId,
  actorId,
  fromUserId,
  toUserId,
}: {
  tx: Db;
  accountId: string;
  actorId: string;
  fromUserId: string;
  toUserId: string | null;
}): Promise<{ reassigned: number; events: NewEvent[] }> {
  const moved = await tx
    .update(conversations)
    .set({ assigneeId: toUserId })
    .where(and(eq(conversations.accountId, accountId), eq(conversations.assigneeId, fromUserId), eq(conversations.status, "open")))
    .returning({ id: conversations.id });
  if (moved.length === 0) return { reassigned: 0, events: [] };

  const ids = [actorId, fromUserId, ...(toUserId ? [toUserId] : [])];
  const people = await tx.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.accountId, accountId), inArray(users.id, ids)));
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? "Someone";
  const body = toUserId
    ? `${name(actorId)} reassigned this conversation from ${name(fromUserId)} to ${name(toUserId)} (${name(fromUserId)} is no longer an Agent)`
    : `${name(actorId)} set this conversation to Unassigned (${name(fromUserId)} is no longer an Agent)`;
  const statusRows = await tx
    .insert(messages)
    .values(
      moved.map((c) => ({
        accountId,
        conversationId: c.id,
        kind: "status" as const,
        senderKind: "system" as const,
        senderUserId: actorId,
        body,
        statusAction: toUserId ? ("reassigned" as const) : ("unassigned" as const),
        statusFromUserId: fromUserId,
        statusToUserId: toUserId,
      })),
    )
    .returning({ id: messages.id, conversationId: messages.conversationId });

  const events: NewEvent[] = [];
  for (const row of statusRows) {
    events.push(messageCreated(accountId, row.conversationId, row.id, "status"));
    events.push(conversationChanged(accountId, row.conversationId, "assigned", { assigneeId: toUserId }));
  }
  // The demoted user is no longer an Agent by the time this commits, so they get none.
  const recipients = toUserId
    ? [toUserId].filter((id) => id !== actorId)
    : (
        await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.accountId, accountId), eq(users.accessLevel, "agent")))
      )
        .map((u) => u.id)
        .filter((id) => id !== fromUserId && id !== actorId);
  const kind = toUserId ? ("assigned" as const) : ("unassigned" as const);
  const wanted = moved.flatMap((c) => recipients.map((userId) => ({ accountId, userId, conversationId: c.id, kind, actorId })));
  if (wanted.length) {
    const rows = await tx.insert(notifications).values(wanted).returning({ id: notifications.id, userId: notifications.userId, conversationId: notifications.conversationId });
    for (const n of rows) events.push(notificationCreated(accountId, n.userId, { id: n.id, kind, conversationId: n.conversationId }));
  }
  return { reassigned: moved.length, events };
}

/** Open conversations per assignee in the account, for the Roles page's hand-over dialog. */
export async function countOpenAssignedByUser({ db, accountId }: { db: Db; accountId: string }): Promise<Record<string, number>> {
  const rows = await db
    .select({ userId: conversations.assigneeId, n: count() })
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.status, "open")))
    .groupBy(conversations.assigneeId);
  return Object.fromEntries(rows.filter((r) => r.userId !== null).map((r) => [r.userId!, r.n]));
}

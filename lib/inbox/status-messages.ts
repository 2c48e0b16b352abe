import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/database";
import { messages, users } from "@/db/schema";
import { messageCreated, type NewEvent } from "@/lib/realtime/events";

export type StatusAction = NonNullable<(typeof messages.$inferSelect)["statusAction"]>;

/**
 * Writes an agent-only status message into the thread (SPEC §5: who, to whom, when). The body
 * keeps the names as they were; the day, date and time come from created_at.
 */
export async function writeStatusMessage({
  tx,
  accountId,
  conversationId,
  action,
  actorId,
  fromUserId = null,
  toUserId = null,
  automatic = false,
  toGroupName = null,
}: {
  tx: Db;
  accountId: string;
  conversationId: string;
  action: StatusAction;
  actorId: string | null;
  fromUserId?: string | null;
  toUserId?: string | null;
  /** Assigned by automatic assignment (issue 16): "Assigned automatically to …". */
  automatic?: boolean;
  /** Assigned to a group rather than a person (issue 16). */
  toGroupName?: string | null;
}): Promise<NewEvent> {
  const ids = [actorId, fromUserId, toUserId].filter((id): id is string => !!id);
  const people = ids.length
    ? await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.accountId, accountId), inArray(users.id, ids)))
    : [];
  const name = (id: string | null) => people.find((p) => p.id === id)?.name ?? "Someone";
  const who = actorId ? name(actorId) : "The system";
  const body = {
    assigned: toGroupName
      ? automatic
        ? `Assigned automatically to the group ${toGroupName}`
        : `${who} assigned this conversation to the group ${toGroupName}`
      : automatic ? `Assigned automatically to ${name(toUserId)}` : toUserId === actorId ? `${who} took this conversation` : `${who} assigned this conversation to ${name(toUserId)}`,
    reassigned: toGroupName
      ? `${who} reassigned this conversation from ${name(fromUserId)} to the group ${toGroupName}`
      : `${who} reassigned this conversation from ${name(fromUserId)} to ${name(toUserId)}`,
    unassigned: `${who} set this conversation to Unassigned${fromUserId ? ` (was ${name(fromUserId)})` : ""}`,
    completed: `${who} marked this conversation complete`,
    reopened: actorId ? `${who} reopened this conversation` : "The contact wrote again: conversation reopened",
  }[action];
  const [row] = await tx
    .insert(messages)
    .values({
      accountId,
      conversationId,
      kind: "status",
      senderKind: "system",
      senderUserId: actorId,
      body,
      statusAction: action,
      statusFromUserId: fromUserId,
      statusToUserId: toUserId,
    })
    .returning({ id: messages.id });
  return messageCreated(accountId, conversationId, row.id, "status");
}

import type { Db } from "@/db/database";
import {
  countOpenAssignedConversations as countOpenInInbox,
  reassignOpenConversations,
} from "@/lib/inbox/reassign-open-conversations";
import type { NewEvent } from "@/lib/realtime/events";

/**
 * Where a demoted agent's open assigned conversations go (SPEC §2): to another Agent of the
 * same account, or back to "Unassigned".
 */
export type HandOver = { to: "agent"; userId: string } | { to: "unassigned" };

/**
 * The seam between roles and the inbox; the inbox (lib/inbox/reassign-open-conversations.ts)
 * does the work and keeps these contracts:
 *
 * - `countOpenAssignedConversations` — open conversations whose assignee is `userId`, in the
 *   account. `setAccessLevel` asks for it after taking the seat lock and the target's row lock
 *   and refuses a demotion without a `HandOver` choice when it is above zero. The Roles page
 *   shows it in the demotion dialog.
 * - `reassignOnDemotion` — runs inside `setAccessLevel`'s transaction, after the level check and
 *   before the level is written. It must move every such conversation with one conditional
 *   update (`… WHERE account_id = ? AND assignee_id = ? AND status = 'open'`), write the
 *   assignment status messages (SPEC §5), and return — not record — its outbox events
 *   (conversation updates; "all agents are notified" when they become Unassigned), which
 *   `setAccessLevel` records last together with its own. It must not take the seat lock again
 *   nor lock users; the caller already holds what it needs.
 */
export async function countOpenAssignedConversations(params: { db: Db; accountId: string; userId: string }): Promise<number> {
  return countOpenInInbox(params);
}

export async function reassignOnDemotion({
  tx,
  accountId,
  actorId,
  userId,
  handOver,
}: {
  tx: Db;
  accountId: string;
  actorId: string;
  userId: string;
  handOver: HandOver;
}): Promise<{ reassigned: number; events: NewEvent[] }> {
  return reassignOpenConversations({
    tx,
    accountId,
    actorId,
    fromUserId: userId,
    toUserId: handOver.to === "agent" ? handOver.userId : null,
  });
}

import type { Db } from "@/db/database";
import type { NewEvent } from "@/lib/realtime/outbox";

/**
 * Where a demoted agent's open assigned conversations go (SPEC §2): to another Agent of the
 * same account, or back to "Unassigned".
 */
export type HandOver = { to: "agent"; userId: string } | { to: "unassigned" };

/**
 * The seam between roles and the inbox. Conversations (and their assignee column) arrive with
 * the inbox; until then no account has any, so both functions below report nothing to move.
 * The inbox replaces their bodies and keeps their contracts:
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
export async function countOpenAssignedConversations(_params: {
  db: Db;
  accountId: string;
  userId: string;
}): Promise<number> {
  return 0;
}

export async function reassignOnDemotion(_params: {
  tx: Db;
  accountId: string;
  actorId: string;
  userId: string;
  handOver: HandOver;
}): Promise<{ reassigned: number; events: NewEvent[] }> {
  return { reassigned: 0, events: [] };
}

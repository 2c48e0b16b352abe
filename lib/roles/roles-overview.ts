import type { Db } from "@/db/database";
import { can, requirePermission, type Actor } from "@/lib/access/permissions";
import { listMembers, type Member } from "@/lib/accounts/members";
import { seatSummary } from "@/lib/seats/capacity";
import { countOpenAssignedByUser } from "@/lib/inbox/reassign-open-conversations";

export type RolesOverview = {
  members: Member[];
  seats: { occupied: number; capacity: number };
  /** Who may receive a demoted agent's conversations: the account's current Agents. */
  agents: { id: string; name: string }[];
  /** Open conversations each user owns: what a demotion must hand over. */
  openConversations: Record<string, number>;
  canManage: boolean;
  canBuySeats: boolean;
};

/** Everything the Roles tab shows: every user with group(s) and level, and seats used of capacity. */
export async function rolesOverview({ db, actor, now = new Date() }: { db: Db; actor: Actor; now?: Date }): Promise<RolesOverview> {
  requirePermission(actor, "roles.view");
  const [members, seats, openConversations] = await Promise.all([
    listMembers({ db, actor }),
    seatSummary({ db, accountId: actor.accountId, now }),
    countOpenAssignedByUser({ db, accountId: actor.accountId }),
  ]);
  return {
    members,
    seats: { occupied: seats.occupied, capacity: seats.capacity },
    agents: members.filter((m) => m.accessLevel === "agent").map((m) => ({ id: m.id, name: m.name })),
    openConversations,
    canManage: can(actor, "roles.manage"),
    canBuySeats: can(actor, "seats.purchase"),
  };
}

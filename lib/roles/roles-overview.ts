import type { Db } from "@/db/database";
import { can, requirePermission, type Actor } from "@/lib/access/permissions";
import { listMembers, type Member } from "@/lib/accounts/members";
import { seatSummary } from "@/lib/seats/capacity";

export type RolesOverview = {
  members: Member[];
  seats: { occupied: number; capacity: number };
  /** Who may receive a demoted agent's conversations: the account's current Agents. */
  agents: { id: string; name: string }[];
  canManage: boolean;
  canBuySeats: boolean;
};

/** Everything the Roles tab shows: every user with group(s) and level, and seats used of capacity. */
export async function rolesOverview({ db, actor, now = new Date() }: { db: Db; actor: Actor; now?: Date }): Promise<RolesOverview> {
  requirePermission(actor, "roles.view");
  const [members, seats] = await Promise.all([
    listMembers({ db, actor }),
    seatSummary({ db, accountId: actor.accountId, now }),
  ]);
  return {
    members,
    seats: { occupied: seats.occupied, capacity: seats.capacity },
    agents: members.filter((m) => m.accessLevel === "agent").map((m) => ({ id: m.id, name: m.name })),
    canManage: can(actor, "roles.manage"),
    canBuySeats: can(actor, "seats.purchase"),
  };
}

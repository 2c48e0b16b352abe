import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { roleChanges, users } from "@/db/schema";
import { accessChanged, rolesChanged, type NewEvent } from "@/lib/realtime/events";
import { countOccupiedSeats } from "./capacity";

/**
 * SPEC §3: when the primary admin starts the trial or first buys seats and has no level yet, they
 * become an Agent if a seat is free — otherwise they would pay and then see "You don't have access".
 * The one home of that rule, for both paths: starting the trial, and settlement granting the first
 * purchased seats (local provider, or a Stripe webhook — called again it finds the level set and
 * does nothing). "No level yet" = "No access" and no level change on record: an owner who gave
 * their seat up is not made an Agent again by paying. Called under the seat lock, with the capacity
 * the change just gave. Returns the events to emit.
 */
export async function makePrimaryAdminAgentIfFree({ tx, accountId, capacity }: { tx: Db; accountId: string; capacity: number }): Promise<NewEvent[]> {
  const [owner] = await tx
    .select({ id: users.id, level: users.accessLevel })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.isPrimaryAdmin, true)))
    .for("update");
  if (!owner || owner.level !== "none") return [];
  const [changed] = await tx.select({ id: roleChanges.id }).from(roleChanges).where(eq(roleChanges.userId, owner.id)).limit(1);
  if (changed) return [];
  const occupiedBefore = await countOccupiedSeats({ db: tx, accountId });
  if (occupiedBefore >= capacity) return [];
  await tx.update(users).set({ accessLevel: "agent" }).where(eq(users.id, owner.id));
  await tx.insert(roleChanges).values({ accountId, actorId: owner.id, userId: owner.id, fromLevel: "none", toLevel: "agent" });
  return [
    rolesChanged(accountId, { userId: owner.id, actorId: owner.id, fromLevel: "none", toLevel: "agent", occupied: occupiedBefore + 1, capacity }),
    accessChanged(accountId, owner.id, { fromLevel: "none", toLevel: "agent" }),
  ];
}

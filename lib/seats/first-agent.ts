import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { roleChanges, users } from "@/db/schema";
import type { Actor } from "@/lib/access/permissions";
import { accessChanged, rolesChanged, type NewEvent } from "@/lib/realtime/events";
import { countOccupiedSeats } from "./capacity";

/**
 * When the primary admin starts the trial (or first gets seats) and has no level yet, they become
 * an Agent if a seat is free — otherwise they would pay and then see "You don't have access".
 * Called under the seat lock, with the capacity the change just gave. Returns the events to emit.
 */
export async function makePrimaryAdminAgentIfFree({ tx, actor, capacity }: { tx: Db; actor: Actor; capacity: number }): Promise<NewEvent[]> {
  if (!actor.isPrimaryAdmin) return [];
  const [me] = await tx
    .select({ level: users.accessLevel })
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.accountId, actor.accountId)))
    .for("update");
  if (!me || me.level !== "none") return [];
  const occupiedBefore = await countOccupiedSeats({ db: tx, accountId: actor.accountId });
  if (occupiedBefore >= capacity) return [];
  await tx.update(users).set({ accessLevel: "agent" }).where(eq(users.id, actor.userId));
  await tx.insert(roleChanges).values({ accountId: actor.accountId, actorId: actor.userId, userId: actor.userId, fromLevel: "none", toLevel: "agent" });
  return [
    rolesChanged(actor.accountId, { userId: actor.userId, actorId: actor.userId, fromLevel: "none", toLevel: "agent", occupied: occupiedBefore + 1, capacity }),
    accessChanged(actor.accountId, actor.userId, { fromLevel: "none", toLevel: "agent" }),
  ];
}

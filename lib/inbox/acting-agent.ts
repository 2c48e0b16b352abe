import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { users } from "@/db/schema";
import { requirePermission, type Actor, type Permission } from "@/lib/access/permissions";
import type { Guard } from "@/lib/command";

/**
 * Re-reads the actor's level inside the transaction and holds it (FOR SHARE) until commit, so a
 * concurrent demotion (which locks the user row FOR UPDATE) cannot slip between our check and
 * our write: whoever becomes an assignee is an Agent at commit time (SPEC §5).
 */
export async function holdActingAgent({ tx, actor, permission }: { tx: Db; actor: Actor; permission: Permission }) {
  const [row] = await tx
    .select({ accessLevel: users.accessLevel })
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.accountId, actor.accountId)))
    .for("share");
  requirePermission(row ? { ...actor, accessLevel: row.accessLevel } : null, permission);
}

/** The user if they are an Agent of the account, held FOR SHARE until commit; null otherwise. */
export async function holdAgent({ tx, accountId, userId }: { tx: Db; accountId: string; userId: string }) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, accessLevel: users.accessLevel })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.accountId, accountId)))
    .for("share");
  return row && row.accessLevel === "agent" ? row : null;
}

/** The command guard form of holdActingAgent, for the command's own permission: `guards: [inboxWritable, actingAgentHeld]`. */
export const actingAgentHeld: Guard = async ({ tx, actor, permission }) => {
  await holdActingAgent({ tx, actor, permission });
  return null;
};

// Test fixture: an account with one user of every role, as loaded actors.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { groupMembers, groups, users } from "@/db/schema";
import type { AccessLevel, Actor } from "@/lib/access/permissions";
import { loadActor } from "@/lib/accounts/actor";
import { signUp } from "@/lib/accounts/sign-up";
import { contactChanged, type NewEvent } from "./events";
import { accountChannel } from "./realtime-channel-names";

let n = 0;

export async function accountWithRoles(db: Db, name = "Acme") {
  const tag = `${name.toLowerCase()}${++n}`;
  const created = await signUp({
    db,
    input: { name: "Owner", accountName: name, email: `owner@${tag}.test`, password: "demo-password-1" },
  });
  if (!created.ok) throw new Error(created.error);
  const { accountId, userId: ownerId } = created.value;
  await db.update(users).set({ accessLevel: "agent" }).where(eq(users.id, ownerId));
  const [adminGroup] = await db
    .select()
    .from(groups)
    .where(and(eq(groups.accountId, accountId), eq(groups.isAdminGroup, true)));

  async function user(label: string, accessLevel: AccessLevel, admin = false): Promise<Actor> {
    const [row] = await db
      .insert(users)
      .values({ accountId, email: `${label}@${tag}.test`, name: label, passwordHash: "x", accessLevel })
      .returning();
    if (admin) await db.insert(groupMembers).values({ accountId, groupId: adminGroup.id, userId: row.id });
    return (await loadActor({ db, userId: row.id }))!;
  }

  return {
    accountId,
    primaryAdmin: (await loadActor({ db, userId: ownerId }))!,
    admin: await user("admin", "none", true),
    agent: await user("agent", "agent"),
    secondAgent: await user("agent2", "agent"),
    viewer: await user("viewer", "viewer"),
    noAccess: await user("nobody", "none"),
  };
}

/**
 * A real event (contact.changed) named by `label`, for tests of the outbox's plumbing (numbering,
 * publishing, catch-up) where what the event says does not matter; `labelOf` reads the name back.
 */
export function labelled(accountId: string, label: string, realtimeChannel = accountChannel(accountId)): NewEvent {
  return { ...contactChanged(accountId, label), realtimeChannel };
}

export const labelOf = (event: { payload: unknown }) => (event.payload as { contactId: string }).contactId;

import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, groupMembers, groups, messages, notifications, users } from "@/db/schema";
import type { AccessLevel, Actor } from "@/lib/access/permissions";
import { receiveInboundMessage } from "./receive-inbound-message";

let serial = 0;

/**
 * A test account with the people the inbox rules talk about: two plain agents, an admin who is
 * an agent, an admin who is only a viewer, a viewer and a user with no access.
 */
export async function createInboxAccount(db: Db, name = "Inbox Co") {
  const n = ++serial;
  const [account] = await db.insert(accounts).values({ name }).returning();
  const [adminGroup] = await db.insert(groups).values({ accountId: account.id, name: "Admin", isAdminGroup: true }).returning();
  const [support] = await db.insert(groups).values({ accountId: account.id, name: "Support" }).returning();
  const person = async (key: string, level: AccessLevel, opts: { admin?: boolean; primary?: boolean; group?: string } = {}): Promise<Actor & { name: string }> => {
    const [user] = await db
      .insert(users)
      .values({
        accountId: account.id,
        email: `${key}-${n}-${Date.now()}@inbox.test`,
        name: `${key[0].toUpperCase()}${key.slice(1)} ${n}`,
        passwordHash: "x",
        accessLevel: level,
        isPrimaryAdmin: !!opts.primary,
      })
      .returning();
    const groupId = opts.admin || opts.primary ? adminGroup.id : opts.group ? support.id : null;
    if (groupId) await db.insert(groupMembers).values({ accountId: account.id, groupId, userId: user.id });
    return {
      userId: user.id,
      accountId: account.id,
      accessLevel: level,
      isAdmin: !!(opts.admin || opts.primary),
      isPrimaryAdmin: !!opts.primary,
      name: user.name,
    };
  };
  const owner = await person("owner", "agent", { primary: true });
  const alice = await person("alice", "agent", { group: "Support" });
  const bob = await person("bob", "agent", { group: "Support" });
  const carol = await person("carol", "agent");
  const viewerAdmin = await person("vadmin", "viewer", { admin: true });
  const viewer = await person("viewer", "viewer");
  const nobody = await person("nobody", "none");
  return { accountId: account.id, supportGroupId: support.id, owner, alice, bob, carol, viewerAdmin, viewer, nobody };
}

export type InboxAccount = Awaited<ReturnType<typeof createInboxAccount>>;

let externalSerial = 0;

/** A contact writes in by email; returns the conversation id. */
export async function inbound(
  db: Db,
  accountId: string,
  opts: { email?: string; body?: string; externalId?: string; channel?: "chat" | "email" | "messenger" | "sms" } = {},
) {
  const result = await receiveInboundMessage({
    db,
    input: {
      accountId,
      channel: opts.channel ?? "email",
      externalId: opts.externalId ?? `ext-${++externalSerial}-${Date.now()}`,
      sender: { contact: { name: "Carla Customer", email: opts.email ?? "carla@example.com" } },
      body: opts.body ?? "Hello, I need help with my order.",
    },
  });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

export async function statusMessagesOf(db: Db, conversationId: string) {
  const rows = await db.select().from(messages).where(eq(messages.conversationId, conversationId));
  return rows.filter((m) => m.kind === "status");
}

export async function notificationsOf(db: Db, userId: string) {
  return db.select().from(notifications).where(eq(notifications.userId, userId));
}

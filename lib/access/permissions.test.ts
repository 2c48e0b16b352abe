import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { invites } from "@/db/schema";
import { createInvite } from "@/lib/accounts/invites";
import { createTestAccount, levelOf } from "@/lib/accounts/accounts.fixtures";
import { listRoleChanges } from "@/lib/roles/role-history";
import { rolesOverview } from "@/lib/roles/roles-overview";
import { setAccessLevel } from "@/lib/roles/set-access-level";
import { can, ForbiddenError, permissions, requirePermission, type AccessLevel, type Actor, type Permission } from "./permissions";

// ---------------------------------------------------------------------------
// The table, checked cell by cell against SPEC §2–§3 written out independently here.
// ---------------------------------------------------------------------------

type Who = { level: AccessLevel; admin: boolean; primary: boolean };

const agentOnly = (w: Who) => w.level === "agent";
const admins = (w: Who) => w.admin || w.primary;

/** SPEC §2 ("Viewer … cannot reply, assign or be assigned, tag, mark complete, insert saved responses"), §3, §4, §6. */
const spec: Record<Permission, (w: Who) => boolean> = {
  "inbox.view": (w) => w.level === "viewer" || w.level === "agent",
  "inbox.reply": agentOnly,
  "inbox.writeNote": agentOnly, // issue 16: "Viewers see notes; only agents write them."
  "inbox.assign": agentOnly,
  "inbox.beAssigned": agentOnly, // "Only agents (seat holders) can be assignees."
  "inbox.tag": agentOnly,
  "inbox.complete": agentOnly,
  "inbox.markRead": agentOnly, // "once any agent opens a conversation it shows as Read" (§4)
  "inbox.reassignAny": (w) => w.level === "agent" && admins(w), // "The owner (or an admin) can reassign" (§5), acting in the inbox
  "inbox.viewStatusMessages": agentOnly, // "Status messages are shown only to agents" (§5)
  "inbox.startConversation": agentOnly,
  "contacts.edit": agentOnly,
  "savedResponses.use": agentOnly,
  "savedResponses.manage": admins, // "Admins manage saved responses."
  "notifications.receive": agentOnly, // "Viewers and No-access users get none."
  "analytics.viewOwn": agentOnly,
  "analytics.viewTeam": (w) => admins(w) && w.level !== "none", // "No access" sees nothing of Conversations (§2)
  "users.invite": admins,
  "roles.view": admins,
  "roles.manage": admins, // "Any admin can change a user's level … Non-admins cannot."
  "seats.view": admins, // "Other admins see the page read-only."
  "seats.purchase": (w) => w.primary, // "Only the primary admin can purchase or remove seats."
  "seats.remove": (w) => w.primary,
  "billing.view": admins,
  "assignment.manage": admins, // issue 16: Settings → Conversations → "Assignment"
  "channels.manage": admins, // channel settings: SMS numbers, bot API keys (admin configuration)
  "groups.manage": admins, // Settings → Team: groups and their members (the Admin group's members are the admins)
  "settings.receiveEvents": admins, // issue 13: a change "emits realtime events so another admin's open Settings page updates"
};

const everyone: Who[] = (["none", "viewer", "agent"] as const).flatMap((level) => [
  { level, admin: false, primary: false },
  { level, admin: true, primary: false },
  // The primary admin is an admin even without the Admin group (SPEC §1).
  { level, admin: false, primary: true },
  { level, admin: true, primary: true },
]);

const actorOf = (w: Who): Actor => ({
  userId: "00000000-0000-4000-8000-000000000001",
  accountId: "00000000-0000-4000-8000-000000000002",
  accessLevel: w.level,
  isAdmin: w.admin,
  isPrimaryAdmin: w.primary,
});

const describeWho = (w: Who) => `${w.primary ? "primary admin" : w.admin ? "admin" : "member"} at ${w.level}`;

describe("the permission table", () => {
  test("covers exactly the permissions the spec matrix names", () => {
    expect([...permissions].sort()).toEqual(Object.keys(spec).sort());
  });

  test.each(permissions)("%s for every combination of level × admin × primary admin", (permission) => {
    for (const who of everyone) {
      const actor = actorOf(who);
      const allowed = spec[permission](who);
      expect(can(actor, permission), `${permission} for a ${describeWho(who)}`).toBe(allowed);
      if (allowed) expect(() => requirePermission(actor, permission)).not.toThrow();
      else expect(() => requirePermission(actor, permission)).toThrow(ForbiddenError);
    }
  });

  test.each([null, undefined])("anonymous (%s) has no permission at all", (nobody) => {
    for (const permission of permissions) {
      expect(can(nobody, permission)).toBe(false);
      expect(() => requirePermission(nobody, permission)).toThrow(ForbiddenError);
    }
  });
});

// ---------------------------------------------------------------------------
// Every mutating command (and the Roles reads), run by each kind of actor against account A.
// ---------------------------------------------------------------------------

const t = useTestDatabase();
const appUrl = "http://localhost:3000";

type Kind = "other account's admin" | "No access" | "Viewer" | "Agent" | "admin" | "primary admin";
const kinds: Kind[] = ["other account's admin", "No access", "Viewer", "Agent", "admin", "primary admin"];
const allowedKinds = new Set<Kind>(["admin", "primary admin"]);

async function world() {
  const a = await createTestAccount({ db: t.db, name: "A", purchased: 5 });
  const b = await createTestAccount({ db: t.db, name: "B", purchased: 5 });
  const actors: Record<Kind, Actor> = {
    "other account's admin": b.owner,
    "No access": await a.addUser({ level: "none" }),
    Viewer: await a.addUser({ level: "viewer" }),
    Agent: await a.addUser({ level: "agent" }),
    admin: await a.addUser({ admin: true }),
    "primary admin": a.owner,
  };
  const target = await a.addUser({ level: "viewer" });
  return { a, b, actors, target };
}

describe("commands refuse or allow exactly as SPEC §2 says", () => {
  test.each(kinds)("setAccessLevel by %s", async (kind) => {
    const { actors, target } = await world();
    const run = () => setAccessLevel({ db: t.db, actor: actors[kind], input: { userId: target.userId, level: "agent" } });
    if (allowedKinds.has(kind)) {
      expect(await run()).toMatchObject({ ok: true, value: { changed: true } });
      expect(await levelOf(t.db, target.userId)).toBe("agent");
    } else if (kind === "other account's admin") {
      expect(await run()).toMatchObject({ ok: false, code: "not_found" });
      expect(await levelOf(t.db, target.userId)).toBe("viewer");
    } else {
      await expect(run()).rejects.toBeInstanceOf(ForbiddenError);
      expect(await levelOf(t.db, target.userId)).toBe("viewer");
    }
  });

  test.each(kinds)("createInvite by %s", async (kind) => {
    const { a, b, actors } = await world();
    const run = () => createInvite({ db: t.db, actor: actors[kind], input: { email: "newcomer@example.com" }, appUrl });
    const intoA = () => t.db.select().from(invites).where(eq(invites.accountId, a.accountId));
    if (allowedKinds.has(kind)) {
      expect(await run()).toMatchObject({ ok: true });
      expect(await intoA()).toHaveLength(1);
    } else if (kind === "other account's admin") {
      // Allowed for their own account only: nothing lands in A.
      expect(await run()).toMatchObject({ ok: true });
      expect(await intoA()).toHaveLength(0);
      expect(await t.db.select().from(invites).where(eq(invites.accountId, b.accountId))).toHaveLength(1);
    } else {
      await expect(run()).rejects.toBeInstanceOf(ForbiddenError);
      expect(await t.db.select().from(invites)).toHaveLength(0);
    }
  });

  test.each(kinds)("the Roles tab's reads by %s", async (kind) => {
    const { a, actors, target } = await world();
    await setAccessLevel({ db: t.db, actor: a.owner, input: { userId: target.userId, level: "none" } });
    const actor = actors[kind];
    if (allowedKinds.has(kind)) {
      expect((await rolesOverview({ db: t.db, actor })).members.map((m) => m.id)).toContain(target.userId);
      expect((await listRoleChanges({ db: t.db, actor })).map((c) => c.userId)).toEqual([target.userId]);
    } else if (kind === "other account's admin") {
      expect((await rolesOverview({ db: t.db, actor })).members.map((m) => m.id)).not.toContain(target.userId);
      expect(await listRoleChanges({ db: t.db, actor })).toEqual([]);
    } else {
      await expect(rolesOverview({ db: t.db, actor })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listRoleChanges({ db: t.db, actor })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

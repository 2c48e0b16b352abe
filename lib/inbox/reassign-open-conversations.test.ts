import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { conversations, users } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { recordEvents } from "@/lib/realtime/outbox";
import { assignConversation } from "./assign";
import { completeConversation } from "./complete";
import { countOpenAssignedConversations, reassignOpenConversations } from "./reassign-open-conversations";
import { createInboxAccount, inbound, notificationsOf, statusMessagesOf } from "./inbox.fixtures";

const t = useTestDatabase();

async function demoteWithHandOver(a: Awaited<ReturnType<typeof createInboxAccount>>, toUserId: string | null) {
  return t.db.transaction(async (tx) => {
    const result = await reassignOpenConversations({ tx, accountId: a.accountId, actorId: a.owner.userId, fromUserId: a.alice.userId, toUserId });
    await tx.update(users).set({ accessLevel: "viewer" }).where(eq(users.id, a.alice.userId));
    await recordEvents({ tx, events: result.events });
    return result;
  });
}

async function aliceWithConversations() {
  const a = await createInboxAccount(t.db);
  const ids: string[] = [];
  for (const email of ["x@example.com", "y@example.com", "z@example.com"]) {
    const { conversationId } = await inbound(t.db, a.accountId, { email });
    await assignConversation({ db: t.db, actor: a.alice, input: { conversationId, assigneeId: a.alice.userId } });
    ids.push(conversationId);
  }
  await completeConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[2] } });
  return { a, ids };
}

describe("hand-over when an agent is demoted (SPEC §2)", () => {
  test("open conversations go to the chosen agent, who is notified; status messages say why", async () => {
    const { a, ids } = await aliceWithConversations();
    expect(await countOpenAssignedConversations({ db: t.db, accountId: a.accountId, userId: a.alice.userId })).toBe(2);
    expect(await demoteWithHandOver(a, a.bob.userId)).toMatchObject({ reassigned: 2 });
    const rows = await t.db.select().from(conversations).where(eq(conversations.accountId, a.accountId));
    expect(rows.filter((r) => r.assigneeId === a.bob.userId).map((r) => r.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect((await notificationsOf(t.db, a.bob.userId)).filter((n) => n.kind === "assigned")).toHaveLength(2);
    expect((await statusMessagesOf(t.db, ids[0])).at(-1)).toMatchObject({ statusAction: "reassigned", statusToUserId: a.bob.userId });
  });

  test("or they become Unassigned and all (other) agents are notified", async () => {
    const { a, ids } = await aliceWithConversations();
    expect(await demoteWithHandOver(a, null)).toMatchObject({ reassigned: 2 });
    expect(await countOpenAssignedConversations({ db: t.db, accountId: a.accountId, userId: a.alice.userId })).toBe(0);
    for (const agent of [a.bob, a.carol]) {
      expect((await notificationsOf(t.db, agent.userId)).filter((n) => n.kind === "unassigned")).toHaveLength(2);
    }
    expect((await notificationsOf(t.db, a.alice.userId)).filter((n) => n.kind === "unassigned")).toHaveLength(0);
    expect((await statusMessagesOf(t.db, ids[1])).at(-1)).toMatchObject({ statusAction: "unassigned", statusFromUserId: a.alice.userId });
  });
});

describe("through the Roles tab's setAccessLevel", () => {
  test("demoting an agent with open conversations needs a hand-over; with one, nothing is orphaned", async () => {
    const { setAccessLevel } = await import("@/lib/roles/set-access-level");
    const { UNASSIGNED } = await import("@/lib/roles/access-level-labels");
    const { accountSeats } = await import("@/db/schema");
    const { a, ids } = await aliceWithConversations();
    await t.db.insert(accountSeats).values({ accountId: a.accountId, purchased: 10 }).onConflictDoNothing();
    const refused = await setAccessLevel({ db: t.db, actor: a.owner, input: { userId: a.alice.userId, level: "viewer" } });
    expect(refused).toMatchObject({ ok: false, code: "hand_over_required" });
    const done = await setAccessLevel({ db: t.db, actor: a.owner, input: { userId: a.alice.userId, level: "viewer", transferTo: UNASSIGNED } });
    expect(done).toMatchObject({ ok: true, value: { reassigned: 2 } });
    const open = await t.db.select().from(conversations).where(eq(conversations.accountId, a.accountId));
    expect(open.filter((c) => c.assigneeId === a.alice.userId)).toHaveLength(0);
    expect((await statusMessagesOf(t.db, ids[0])).at(-1)).toMatchObject({ statusAction: "unassigned" });
  });

  test("an assignment racing a demotion of the assignee never leaves a viewer owning an open conversation", async () => {
    const { setAccessLevel } = await import("@/lib/roles/set-access-level");
    const { UNASSIGNED } = await import("@/lib/roles/access-level-labels");
    const a = await createInboxAccount(t.db);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await inbound(t.db, a.accountId, { email: `r${i}@example.com` })).conversationId);
    await Promise.all([
      ...ids.map((conversationId) => assignConversation({ db: t.db, actor: a.bob, input: { conversationId, assigneeId: a.alice.userId } })),
      setAccessLevel({ db: t.db, actor: a.owner, input: { userId: a.alice.userId, level: "viewer", transferTo: UNASSIGNED } }),
    ]);
    const [alice] = await t.db.select().from(users).where(eq(users.id, a.alice.userId));
    const owned = await countOpenAssignedConversations({ db: t.db, accountId: a.accountId, userId: a.alice.userId });
    expect(alice.accessLevel === "agent" || owned === 0).toBe(true);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { conversations, messages } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError, type Actor } from "@/lib/access/permissions";
import { assignConversation } from "./assign";
import { completeConversation } from "./complete";
import { reply } from "./reply";
import { createInboxAccount, inbound, notificationsOf, statusMessagesOf } from "./inbox.fixtures";

const t = useTestDatabase();

const assign = (actor: Actor, conversationId: string, assigneeId: string | null) =>
  assignConversation({ db: t.db, actor, input: { conversationId, assigneeId } });

async function assigneeOf(id: string) {
  const [c] = await t.db.select().from(conversations).where(eq(conversations.id, id));
  return c.assigneeId;
}

async function setup() {
  const a = await createInboxAccount(t.db);
  const { conversationId } = await inbound(t.db, a.accountId);
  return { a, conversationId };
}

describe("assignment (SPEC §5)", () => {
  test("any agent assigns an unassigned conversation to any agent; the assignee is notified; a status message says who, to whom, when", async () => {
    const { a, conversationId } = await setup();
    expect(await assign(a.alice, conversationId, a.bob.userId)).toEqual({ ok: true, value: { action: "assigned" } });
    expect(await assigneeOf(conversationId)).toBe(a.bob.userId);
    const [status] = await statusMessagesOf(t.db, conversationId);
    expect(status).toMatchObject({ statusAction: "assigned", senderUserId: a.alice.userId, statusToUserId: a.bob.userId });
    expect(status.body).toBe(`${a.alice.name} assigned this conversation to ${a.bob.name}`);
    expect(status.createdAt).toBeInstanceOf(Date);
    expect((await notificationsOf(t.db, a.bob.userId)).map((n) => n.kind)).toEqual(["new_conversation", "assigned"]);
    expect((await notificationsOf(t.db, a.alice.userId)).map((n) => n.kind)).toEqual(["new_conversation"]);
  });

  test("the owner reassigns to another agent, who is notified", async () => {
    const { a, conversationId } = await setup();
    await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Mine" } });
    expect(await assign(a.alice, conversationId, a.bob.userId)).toEqual({ ok: true, value: { action: "reassigned" } });
    expect(await assigneeOf(conversationId)).toBe(a.bob.userId);
    const status = await statusMessagesOf(t.db, conversationId);
    expect(status.map((s) => s.statusAction)).toEqual(["assigned", "reassigned"]);
    expect(status[1]).toMatchObject({ statusFromUserId: a.alice.userId, statusToUserId: a.bob.userId });
    expect((await notificationsOf(t.db, a.bob.userId)).map((n) => n.kind)).toContain("assigned");
  });

  test("only the owner or an admin reassigns or unassigns; other agents are refused and nothing changes", async () => {
    const { a, conversationId } = await setup();
    await assign(a.alice, conversationId, a.bob.userId);
    await expect(assign(a.carol, conversationId, a.carol.userId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(assign(a.alice, conversationId, null)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await assigneeOf(conversationId)).toBe(a.bob.userId);
    expect(await statusMessagesOf(t.db, conversationId)).toHaveLength(1);
    // The primary admin (an agent) may.
    expect(await assign(a.owner, conversationId, a.carol.userId)).toEqual({ ok: true, value: { action: "reassigned" } });
    expect(await assigneeOf(conversationId)).toBe(a.carol.userId);
  });

  test("back to Unassigned notifies every agent but the one who did it", async () => {
    const { a, conversationId } = await setup();
    await assign(a.alice, conversationId, a.bob.userId);
    expect(await assign(a.bob, conversationId, null)).toEqual({ ok: true, value: { action: "unassigned" } });
    expect(await assigneeOf(conversationId)).toBeNull();
    for (const agent of [a.owner, a.alice, a.carol]) {
      expect((await notificationsOf(t.db, agent.userId)).map((n) => n.kind)).toContain("unassigned");
    }
    expect((await notificationsOf(t.db, a.bob.userId)).map((n) => n.kind)).not.toContain("unassigned");
    expect(await notificationsOf(t.db, a.viewer.userId)).toHaveLength(0);
    const status = await statusMessagesOf(t.db, conversationId);
    expect(status.at(-1)).toMatchObject({ statusAction: "unassigned", statusFromUserId: a.bob.userId, statusToUserId: null });
  });

  test("only Agents can be assignees: viewers, No-access users and other accounts' agents are refused", async () => {
    const { a, conversationId } = await setup();
    const other = await createInboxAccount(t.db, "Other");
    for (const target of [a.viewer, a.viewerAdmin, a.nobody, other.alice]) {
      expect(await assign(a.alice, conversationId, target.userId)).toMatchObject({ ok: false, error: "Only Agents can be assigned conversations." });
    }
    expect(await assigneeOf(conversationId)).toBeNull();
    expect(await statusMessagesOf(t.db, conversationId)).toHaveLength(0);
  });

  test("viewers (even admins at Viewer level) and No-access users cannot assign", async () => {
    const { a, conversationId } = await setup();
    for (const who of [a.viewer, a.viewerAdmin, a.nobody]) {
      await expect(assign(who, conversationId, a.alice.userId)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await assigneeOf(conversationId)).toBeNull();
  });

  test("another account's conversation is not found; bad ids are a clear error", async () => {
    const { a, conversationId } = await setup();
    const other = await createInboxAccount(t.db, "Other");
    expect(await assign(other.alice, conversationId, other.alice.userId)).toMatchObject({ ok: false, error: "Conversation not found." });
    expect(await assign(a.alice, conversationId, "not-a-uuid")).toMatchObject({ ok: false, error: "Pick an agent." });
    expect(await assigneeOf(conversationId)).toBeNull();
  });

  test("a complete conversation cannot be assigned; assigning the current assignee changes nothing", async () => {
    const { a, conversationId } = await setup();
    await assign(a.alice, conversationId, a.alice.userId);
    expect(await assign(a.alice, conversationId, a.alice.userId)).toEqual({ ok: true, value: { action: "unchanged" } });
    expect(await statusMessagesOf(t.db, conversationId)).toHaveLength(1);
    await completeConversation({ db: t.db, actor: a.alice, input: { conversationId } });
    expect(await assign(a.alice, conversationId, a.bob.userId)).toMatchObject({ ok: false, error: expect.stringContaining("complete") });
    expect(await t.db.select().from(messages).where(eq(messages.statusAction, "assigned"))).toHaveLength(1);
  });
});

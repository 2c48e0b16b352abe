import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { conversations, groups, messages, notifications } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { assignConversation } from "../assign";
import { createInboxAccount, inbound } from "../inbox.fixtures";
import { rowMatchesFilter } from "../queries/conversation-filter";
import { listConversations } from "../queries/list-conversations";
import { reply } from "../reply";
import { recordInboxPresence } from "./agent-status";
import { assignToGroup } from "./assign-group";
import { setChannelGroup } from "./channel-groups";
import { updateAssignmentSettings } from "./assignment-settings";

const t = useTestDatabase();

async function conversation(id: string) {
  const [c] = await t.db.select().from(conversations).where(eq(conversations.id, id));
  return c;
}

const notified = async (conversationId: string, kind: "assigned" | "new_message" | "new_conversation") =>
  (await t.db.select().from(notifications).where(and(eq(notifications.conversationId, conversationId), eq(notifications.kind, kind)))).map((n) => n.userId).sort();

describe("assign to a group (issue 16)", () => {
  test("the conversation belongs to the group: status message, its agents notified, listed under Groups and not Unassigned; the first to reply takes it", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    expect(await assignToGroup({ db: t.db, actor: a.carol, input: { conversationId, groupId: a.supportGroupId } })).toEqual({ ok: true, value: { changed: true } });
    expect(await conversation(conversationId)).toMatchObject({ assigneeId: null, assignedGroupId: a.supportGroupId });
    const status = await t.db.select().from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.kind, "status")));
    expect(status.map((m) => m.body)).toEqual([`${a.carol.name} assigned this conversation to the group Support`]);
    expect(await notified(conversationId, "assigned")).toEqual([a.alice.userId, a.bob.userId].sort());

    const list = async (assignment: object) => {
      const r = await listConversations({ db: t.db, actor: a.carol, input: { assignment } });
      if (!r.ok) throw new Error(r.error);
      return r.value.rows;
    };
    const inGroups = await list({ groupIds: [a.supportGroupId] });
    expect(inGroups.map((r) => [r.id, r.assignedGroupName])).toEqual([[conversationId, "Support"]]);
    expect(await list({ unassigned: true })).toEqual([]);
    expect(await list({ unassigned: true, groupIds: [a.supportGroupId] })).toHaveLength(1);
    const ctx = { meId: a.carol.userId, groupMembers: { [a.supportGroupId]: [a.alice.userId, a.bob.userId] } };
    expect(rowMatchesFilter(inGroups[0], { assignment: { groupIds: [a.supportGroupId] } }, ctx)).toBe(true);
    expect(rowMatchesFilter(inGroups[0], { assignment: { unassigned: true } }, ctx)).toBe(false);

    // Same group again: nothing changes. A new message notifies the group's agents only.
    expect(await assignToGroup({ db: t.db, actor: a.carol, input: { conversationId, groupId: a.supportGroupId } })).toEqual({ ok: true, value: { changed: false } });
    await inbound(t.db, a.accountId, { body: "Anyone?" });
    expect(await notified(conversationId, "new_message")).toEqual([a.alice.userId, a.bob.userId].sort());

    expect(await reply({ db: t.db, actor: a.bob, input: { conversationId, channel: "email", body: "Mine" } })).toMatchObject({ ok: true, value: { tookOwnership: true } });
    expect(await conversation(conversationId)).toMatchObject({ assigneeId: a.bob.userId, assignedGroupId: null });
    expect(await list({ groupIds: [a.supportGroupId] })).toHaveLength(1); // Bob is a member: still under Groups, as his.
  });

  test("refused: a viewer, another account's group, moving someone else's conversation without being admin; an agent pick clears the group", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other");
    const { conversationId } = await inbound(t.db, a.accountId);
    await expect(assignToGroup({ db: t.db, actor: a.viewer, input: { conversationId, groupId: a.supportGroupId } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await assignToGroup({ db: t.db, actor: a.alice, input: { conversationId, groupId: other.supportGroupId } })).toMatchObject({ ok: false, fieldErrors: { groupId: expect.any(String) } });
    expect(await assignToGroup({ db: t.db, actor: other.alice, input: { conversationId, groupId: other.supportGroupId } })).toMatchObject({ ok: false, error: "Conversation not found." });
    await assignConversation({ db: t.db, actor: a.alice, input: { conversationId, assigneeId: a.alice.userId } });
    await expect(assignToGroup({ db: t.db, actor: a.bob, input: { conversationId, groupId: a.supportGroupId } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await assignToGroup({ db: t.db, actor: a.owner, input: { conversationId, groupId: a.supportGroupId } })).toMatchObject({ ok: true });
    expect(await conversation(conversationId)).toMatchObject({ assigneeId: null, assignedGroupId: a.supportGroupId });
    await assignConversation({ db: t.db, actor: a.carol, input: { conversationId, assigneeId: a.carol.userId } });
    expect(await conversation(conversationId)).toMatchObject({ assigneeId: a.carol.userId, assignedGroupId: null });
  });

  test("automatic assignment limited to a group per channel; with no member available it goes to the group", async () => {
    const a = await createInboxAccount(t.db);
    await updateAssignmentSettings({ db: t.db, actor: a.owner, input: { mode: "round_robin", maxOpenPerAgent: "", awayAfterMinutes: 10 } });
    expect(await setChannelGroup({ db: t.db, actor: a.owner, input: { channel: "email", groupId: a.supportGroupId } })).toMatchObject({ ok: true });
    await expect(setChannelGroup({ db: t.db, actor: a.alice, input: { channel: "chat", groupId: a.supportGroupId } })).rejects.toBeInstanceOf(ForbiddenError);
    const [foreign] = await t.db.insert(groups).values({ accountId: (await createInboxAccount(t.db, "X")).accountId, name: "Theirs" }).returning();
    expect(await setChannelGroup({ db: t.db, actor: a.owner, input: { channel: "chat", groupId: foreign.id } })).toMatchObject({ ok: false });

    for (const who of [a.carol, a.owner]) await recordInboxPresence({ db: t.db, accountId: a.accountId, userId: who.userId, online: true });
    // Email is limited to Support (Alice, Bob), none of whom is available: the group gets it.
    const first = (await inbound(t.db, a.accountId, { email: "g1@example.com" })).conversationId;
    expect(await conversation(first)).toMatchObject({ assigneeId: null, assignedGroupId: a.supportGroupId });
    expect(await notified(first, "new_conversation")).toEqual([a.alice.userId, a.bob.userId].sort());
    // Chat is not limited: Carol or the owner.
    const chat = (await inbound(t.db, a.accountId, { email: "g2@example.com", channel: "chat" })).conversationId;
    expect([a.carol.userId, a.owner.userId]).toContain((await conversation(chat)).assigneeId);
    // Alice opens the inbox: the next email conversation is hers.
    await recordInboxPresence({ db: t.db, accountId: a.accountId, userId: a.alice.userId, online: true });
    const second = (await inbound(t.db, a.accountId, { email: "g3@example.com" })).conversationId;
    expect(await conversation(second)).toMatchObject({ assigneeId: a.alice.userId, assignedGroupId: null });
    // Limit removed: anyone available.
    expect(await setChannelGroup({ db: t.db, actor: a.owner, input: { channel: "email", groupId: "" } })).toMatchObject({ ok: true, value: { groupId: null } });
  });
});

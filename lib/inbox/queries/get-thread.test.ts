import { describe, expect, test } from "vitest";
import { smsNumbers } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError, type Actor } from "@/lib/access/permissions";
import { assignConversation } from "../assign";
import { completeConversation } from "../complete";
import { createInboxAccount, inbound } from "../inbox.fixtures";
import { reply } from "../reply";
import { getThread } from "./get-thread";

const t = useTestDatabase();

async function thread(actor: Actor, conversationId: string, page: { beforeId?: number; limit?: number } = {}) {
  const found = await getThread({ db: t.db, actor, conversationId, ...page });
  if (!found) throw new Error("thread not found");
  return found;
}

const none = {
  canReply: false,
  canWriteNote: false,
  canAssign: false,
  canChangeAssignee: false,
  canComplete: false,
  canTag: false,
  canMarkRead: false,
  canEditContact: false,
};
const agent = { ...none, canReply: true, canWriteNote: true, canAssign: true, canChangeAssignee: true, canComplete: true, canTag: true, canMarkRead: true, canEditContact: true };

describe("getThread's abilities (what the viewer may do, from the permission table and the conversation)", () => {
  test("agents may do everything on an unassigned open conversation; viewers, viewer admins nothing", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    for (const who of [a.alice, a.owner]) expect((await thread(who, conversationId)).abilities).toEqual(agent);
    for (const who of [a.viewer, a.viewerAdmin]) expect((await thread(who, conversationId)).abilities).toEqual(none);
  });

  test("once assigned, only the owner or an admin agent may change the assignee; complete, nobody may, nor complete it again", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    await assignConversation({ db: t.db, actor: a.alice, input: { conversationId, assigneeId: a.bob.userId } });
    expect((await thread(a.bob, conversationId)).abilities).toEqual(agent);
    expect((await thread(a.owner, conversationId)).abilities).toEqual(agent);
    expect((await thread(a.alice, conversationId)).abilities).toEqual({ ...agent, canChangeAssignee: false });
    // The server refuses what the abilities hide.
    await expect(assignConversation({ db: t.db, actor: a.alice, input: { conversationId, assigneeId: null } })).rejects.toBeInstanceOf(ForbiddenError);

    await completeConversation({ db: t.db, actor: a.bob, input: { conversationId } });
    for (const who of [a.alice, a.bob, a.owner]) {
      expect((await thread(who, conversationId)).abilities).toEqual({ ...agent, canChangeAssignee: false, canComplete: false });
    }
  });
});

describe("getThread's messages and composer options", () => {
  test("pages back through the messages, oldest first", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId, { body: "m0" });
    for (let i = 1; i < 5; i++) await inbound(t.db, a.accountId, { body: `m${i}` });
    const latest = await thread(a.viewer, conversationId, { limit: 3 });
    expect(latest.messages.map((m) => m.body)).toEqual(["m2", "m3", "m4"]);
    expect(latest.hasEarlier).toBe(true);
    const earlier = await thread(a.viewer, conversationId, { limit: 3, beforeId: latest.messages[0].id });
    expect(earlier.messages.map((m) => m.body)).toEqual(["m0", "m1"]);
    expect(earlier.hasEarlier).toBe(false);
    expect(earlier.messages[0]).toMatchObject({ kind: "message", direction: "in", channel: "email", senderKind: "contact", smsFrom: null });
  });

  test("offers the channels the contact can be reached on, with the account's SMS numbers", async () => {
    const a = await createInboxAccount(t.db);
    await t.db.insert(smsNumbers).values({ accountId: a.accountId, number: "+14155550100", label: "Main" });
    const { conversationId } = await inbound(t.db, a.accountId);
    await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Hi" } });
    const view = await thread(a.alice, conversationId);
    expect(view).toMatchObject({ availableChannels: ["email"], defaultChannel: "email", smsNumbers: ["+14155550100"], messengerRefusal: null });
    expect(view.messages.map((m) => [m.kind, m.senderName])).toEqual([
      ["message", null],
      ["status", a.alice.name],
      ["message", a.alice.name],
    ]);
  });
});

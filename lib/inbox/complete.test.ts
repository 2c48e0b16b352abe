import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { conversations } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { completeConversation } from "./complete";
import { markRead } from "./mark-read";
import { visitorHistory } from "@/lib/channels/webchat/visitor-history";
import { getThread } from "./queries/get-thread";
import { reply } from "./reply";
import { createInboxAccount, inbound } from "./inbox.fixtures";

const t = useTestDatabase();

async function conversation(id: string) {
  const [c] = await t.db.select().from(conversations).where(eq(conversations.id, id));
  return c;
}

describe("complete (SPEC §4)", () => {
  test("Complete finishes the conversation for all agents and makes it Unassigned, with a status message", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Done" } });
    expect(await completeConversation({ db: t.db, actor: a.bob, input: { conversationId } })).toEqual({ ok: true, value: { changed: true } });
    expect(await conversation(conversationId)).toMatchObject({ status: "complete", assigneeId: null });
    const thread = await getThread({ db: t.db, actor: a.carol, conversationId });
    expect(thread?.conversation).toMatchObject({ status: "complete", assigneeId: null });
    expect(thread?.messages.filter((m) => m.kind === "status").map((m) => m.body)).toEqual([
      `${a.alice.name} took this conversation`,
      `${a.bob.name} marked this conversation complete`,
    ]);
    expect(await completeConversation({ db: t.db, actor: a.bob, input: { conversationId } })).toEqual({ ok: true, value: { changed: false } });
  });

  test("viewers and No-access users cannot complete; another account's conversation is not found", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other");
    const { conversationId } = await inbound(t.db, a.accountId);
    for (const who of [a.viewer, a.viewerAdmin, a.nobody]) {
      await expect(completeConversation({ db: t.db, actor: who, input: { conversationId } })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await completeConversation({ db: t.db, actor: other.alice, input: { conversationId } })).toMatchObject({ ok: false, error: "Conversation not found." });
    expect(await completeConversation({ db: t.db, actor: a.alice, input: { conversationId: "x" } })).toMatchObject({ ok: false, error: "Conversation not found." });
    expect((await conversation(conversationId)).status).toBe("open");
  });
});

describe("status messages are shown only to agents (SPEC §5)", () => {
  test("agents see them; viewers and the contact's side (the web-chat widget's history) never do", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId, { body: "Help", channel: "chat" });
    await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "chat", body: "Sure" } });
    await completeConversation({ db: t.db, actor: a.alice, input: { conversationId } });

    const agentView = await getThread({ db: t.db, actor: a.bob, conversationId });
    expect(agentView?.messages.map((m) => m.kind)).toEqual(["message", "status", "message", "status"]);
    for (const viewer of [a.viewer, a.viewerAdmin]) {
      const view = await getThread({ db: t.db, actor: viewer, conversationId });
      expect(view?.messages.map((m) => m.body)).toEqual(["Help", "Sure"]);
    }
    const contactId = agentView!.contact!.id;
    const visitor = { accountId: a.accountId, visitorId: "v_test", issuedAt: new Date(), contactId, conversationId, email: null };
    const contactView = await visitorHistory({ db: t.db, visitor });
    expect(contactView.messages.map((m) => m.body)).toEqual(["Help", "Sure"]);
    await expect(getThread({ db: t.db, actor: a.nobody, conversationId })).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createInboxAccount(t.db, "Other");
    expect(await getThread({ db: t.db, actor: other.alice, conversationId })).toBeNull();
    expect((await visitorHistory({ db: t.db, visitor: { ...visitor, accountId: other.accountId } })).messages).toEqual([]);
  });
});

describe("read state is shared (SPEC §4)", () => {
  test("once any agent opens it, it is Read for all agents; a viewer opening it changes nothing", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    await expect(markRead({ db: t.db, actor: a.viewer, input: { conversationId } })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getThread({ db: t.db, actor: a.bob, conversationId }))?.conversation.unread).toBe(true);
    expect(await markRead({ db: t.db, actor: a.alice, input: { conversationId } })).toEqual({ ok: true, value: { changed: true } });
    expect((await getThread({ db: t.db, actor: a.bob, conversationId }))?.conversation.unread).toBe(false);
    expect(await markRead({ db: t.db, actor: a.bob, input: { conversationId } })).toEqual({ ok: true, value: { changed: false } });
    await inbound(t.db, a.accountId, { body: "Another question" });
    expect((await conversation(conversationId)).unread).toBe(true);
    const other = await createInboxAccount(t.db, "Other");
    expect(await markRead({ db: t.db, actor: other.alice, input: { conversationId } })).toMatchObject({ ok: false, error: "Conversation not found." });
    expect((await conversation(conversationId)).unread).toBe(true);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { conversations, messages, users } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError, type Actor } from "@/lib/access/permissions";
import { postBotMessage } from "./post-bot-message";
import { reply } from "./reply";
import { createInboxAccount, inbound, statusMessagesOf } from "./inbox.fixtures";

const t = useTestDatabase({ poolSize: 25 });

const answer = (actor: Actor, conversationId: string, body = "On it!") =>
  reply({ db: t.db, actor, input: { conversationId, channel: "email", body } });

async function conversation(id: string) {
  const [c] = await t.db.select().from(conversations).where(eq(conversations.id, id));
  return c;
}

describe("reply", () => {
  test("the first reply to an unassigned conversation makes the replier its owner, with one status message", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    expect(await answer(a.alice, conversationId)).toMatchObject({ ok: true, value: { tookOwnership: true } });
    const c = await conversation(conversationId);
    expect(c).toMatchObject({ assigneeId: a.alice.userId, unread: false, lastMessagePreview: "On it!" });
    const status = await statusMessagesOf(t.db, conversationId);
    expect(status).toHaveLength(1);
    expect(status[0]).toMatchObject({ statusAction: "assigned", senderUserId: a.alice.userId, statusToUserId: a.alice.userId });
  });

  test("any agent can reply to a conversation owned by another; the owner does not change", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    await answer(a.alice, conversationId);
    expect(await answer(a.bob, conversationId, "Bob here")).toMatchObject({ ok: true, value: { tookOwnership: false } });
    expect((await conversation(conversationId)).assigneeId).toBe(a.alice.userId);
    expect(await statusMessagesOf(t.db, conversationId)).toHaveLength(1);
    const out = await t.db.select().from(messages).where(eq(messages.direction, "out"));
    expect(out.map((m) => m.senderUserId).sort()).toEqual([a.alice.userId, a.bob.userId].sort());
  });

  test("20 agents replying at the same instant: one owner, 20 messages, one status message", async () => {
    const a = await createInboxAccount(t.db);
    const agents: Actor[] = [a.alice, a.bob, a.carol, a.owner];
    for (let i = agents.length; i < 20; i++) {
      const [u] = await t.db
        .insert(users)
        .values({ accountId: a.accountId, email: `racer-${i}@inbox.test`, name: `Racer ${i}`, passwordHash: "x", accessLevel: "agent" })
        .returning();
      agents.push({ userId: u.id, accountId: a.accountId, accessLevel: "agent", isAdmin: false, isPrimaryAdmin: false });
    }
    const { conversationId } = await inbound(t.db, a.accountId);
    const results = await Promise.all(agents.map((agent, i) => answer(agent, conversationId, `reply ${i}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    const owners = results.filter((r) => r.ok && r.value.tookOwnership);
    expect(owners).toHaveLength(1);
    const winner = agents[results.indexOf(owners[0])];
    expect((await conversation(conversationId)).assigneeId).toBe(winner.userId);
    expect(await t.db.select().from(messages).where(eq(messages.direction, "out"))).toHaveLength(20);
    const status = await statusMessagesOf(t.db, conversationId);
    expect(status).toHaveLength(1);
    expect(status[0].statusToUserId).toBe(winner.userId);
  });

  test("viewers and No-access users cannot reply, even admins at Viewer level", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    for (const who of [a.viewer, a.viewerAdmin, a.nobody]) {
      await expect(answer(who, conversationId)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await t.db.select().from(messages)).toHaveLength(1);
    expect((await conversation(conversationId)).assigneeId).toBeNull();
  });

  test("an actor demoted since their session loaded is refused inside the transaction", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    await t.db.update(users).set({ accessLevel: "viewer" }).where(eq(users.id, a.alice.userId));
    await expect(answer(a.alice, conversationId)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await conversation(conversationId)).assigneeId).toBeNull();
  });

  test("bad input and unavailable channels get a clear error and change nothing; other accounts are not found", async () => {
    const a = await createInboxAccount(t.db, "A");
    const b = await createInboxAccount(t.db, "B");
    const { conversationId } = await inbound(t.db, a.accountId);
    expect(await answer(a.alice, conversationId, "  ")).toMatchObject({ ok: false, error: "Write a message first." });
    expect(await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "sms", body: "hi" } })).toMatchObject({
      ok: false,
      error: "This conversation cannot use SMS.",
    });
    expect(await reply({ db: t.db, actor: a.alice, input: { conversationId: "nope", channel: "email", body: "hi" } })).toMatchObject({
      ok: false,
      error: "Conversation not found.",
    });
    expect(await answer(b.alice, conversationId)).toMatchObject({ ok: false, error: "Conversation not found." });
    expect(await t.db.select().from(messages)).toHaveLength(1);
    expect((await conversation(conversationId)).assigneeId).toBeNull();
  });

  test("Messenger replies are refused 24 hours after the visitor's last message", async () => {
    const a = await createInboxAccount(t.db);
    const { receiveInboundMessage } = await import("./receive-inbound-message");
    const r = await receiveInboundMessage({
      db: t.db,
      input: { accountId: a.accountId, channel: "messenger", externalId: "m1", sender: { messenger: { psid: "p1" } }, body: "hi" },
    });
    if (!r.ok) throw new Error(r.error);
    const input = { conversationId: r.value.conversationId, channel: "messenger" as const, body: "Hello!" };
    expect((await reply({ db: t.db, actor: a.alice, input })).ok).toBe(true);
    await t.db
      .update(conversations)
      .set({ lastInboundAt: new Date(Date.now() - 25 * 3600 * 1000) })
      .where(eq(conversations.id, r.value.conversationId));
    expect(await reply({ db: t.db, actor: a.alice, input })).toMatchObject({ ok: false, error: expect.stringContaining("24 hours") });
  });

  test("bot messages are posted by automation, shown as bot, and never take ownership", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    const posted = await postBotMessage({ db: t.db, input: { accountId: a.accountId, conversationId, channel: "email", body: "We got your message." } });
    expect(posted.ok).toBe(true);
    const [bot] = await t.db.select().from(messages).where(eq(messages.senderKind, "bot"));
    expect(bot).toMatchObject({ direction: "out", senderUserId: null, body: "We got your message." });
    expect((await conversation(conversationId)).assigneeId).toBeNull();
    const b = await createInboxAccount(t.db, "B");
    expect(await postBotMessage({ db: t.db, input: { accountId: b.accountId, conversationId, channel: "email", body: "x" } })).toMatchObject({ ok: false });
    // After a bot, the first agent reply still takes ownership.
    expect(await answer(a.bob, conversationId)).toMatchObject({ ok: true, value: { tookOwnership: true } });
    expect((await conversation(conversationId)).assigneeId).toBe(a.bob.userId);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { conversations, mailLocalMailbox, messageDeliveries, messages, notifications } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { deliverOutbound } from "@/lib/channels/delivery/deliver-outbound";
import { runQueuedJobs } from "@/lib/jobs/job-runner";
import { transcriptBefore } from "@/lib/channels/email/transcript-before";
import { visitorHistory } from "@/lib/channels/webchat/visitor-history";
import { getAnalyticsReport } from "@/lib/analytics/analytics-report";
import { historyOf } from "@/lib/analytics/history.fixtures";
import { listNotifications } from "../queries/notifications";
import { getThread } from "../queries/get-thread";
import { reply } from "../reply";
import { createInboxAccount, inbound, notificationsOf } from "../inbox.fixtures";
import { writeNote } from "./write-note";

const t = useTestDatabase();

const note = (actor: Parameters<typeof writeNote>[0]["actor"], conversationId: string, body: string) =>
  writeNote({ db: t.db, actor, input: { conversationId, body } });

describe("private notes (issue 16)", () => {
  test("a note is never delivered, never in the widget or a transcript, and leaves the conversation's preview and owner alone", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId, { body: "Help", channel: "chat" });
    const [before] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    const written = await note(a.alice, conversationId, "Customer is on the legacy plan, careful");
    expect(written).toMatchObject({ ok: true });
    const noteId = written.ok ? written.value.messageId : 0;
    const [row] = await t.db.select().from(messages).where(eq(messages.id, noteId));
    expect(row).toMatchObject({ kind: "note", direction: null, channel: null, senderKind: "agent", senderUserId: a.alice.userId });

    // Delivery refuses it and writes nothing.
    expect(await deliverOutbound({ db: t.db, job: { accountId: a.accountId, messageId: noteId } })).toMatchObject({ status: "failed" });
    expect(await runQueuedJobs({ db: t.db })).toBe(0);
    expect(await t.db.select().from(messageDeliveries)).toEqual([]);
    expect(await t.db.select().from(mailLocalMailbox)).toEqual([]);

    const [after] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect({ preview: after.lastMessagePreview, assignee: after.assigneeId, at: after.lastMessageAt }).toEqual({
      preview: before.lastMessagePreview,
      assignee: null,
      at: before.lastMessageAt,
    });

    const sent = await reply({ db: t.db, actor: a.bob, input: { conversationId, channel: "chat", body: "Sure" } });
    const thread = await getThread({ db: t.db, actor: a.bob, conversationId });
    const visitor = { accountId: a.accountId, visitorId: "v_test", issuedAt: new Date(), contactId: thread!.contact!.id, conversationId, email: null };
    expect((await visitorHistory({ db: t.db, visitor })).messages.map((m) => m.body)).toEqual(["Help", "Sure"]);
    const transcript = await transcriptBefore(t.db, { id: sent.ok ? sent.value.messageId + 1 : 0, conversationId, accountId: a.accountId } as never);
    expect(transcript.map((e) => e.body)).not.toContain("Customer is on the legacy plan, careful");
    expect(transcript.map((e) => e.body)).toContain("Sure");
  });

  test("viewers see notes (not status messages) but cannot write one; no-access users and other accounts get nothing", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other");
    const { conversationId } = await inbound(t.db, a.accountId, { body: "Help" });
    await note(a.alice, conversationId, "Internal only");
    for (const who of [a.viewer, a.viewerAdmin, a.nobody]) {
      await expect(note(who, conversationId, "Sneaky")).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await note(other.alice, conversationId, "Cross-account")).toMatchObject({ ok: false, error: "Conversation not found." });
    expect(await note(a.alice, conversationId, "   ")).toMatchObject({ ok: false, fieldErrors: { body: "Write a note first." } });
    const view = await getThread({ db: t.db, actor: a.viewer, conversationId });
    expect(view?.messages.map((m) => [m.kind, m.body])).toEqual([
      ["message", "Help"],
      ["note", "Internal only"],
    ]);
    const notes = await t.db.select().from(messages).where(eq(messages.kind, "note"));
    expect(notes.map((n) => n.body)).toEqual(["Internal only"]);
  });

  test("@name notifies that agent (pointing at the note), not the writer, not a viewer, not an agent of another account", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other");
    const { conversationId } = await inbound(t.db, a.accountId);
    const before = (await notificationsOf(t.db, a.bob.userId)).length;
    const written = await note(a.alice, conversationId, `@${a.bob.name} can you look? cc @${a.alice.name} @${a.viewer.name} @${other.carol.name}`);
    expect(written).toMatchObject({ ok: true, value: { mentioned: [{ id: a.bob.userId }] } });
    const noteId = written.ok ? written.value.messageId : 0;
    const bobs = await notificationsOf(t.db, a.bob.userId);
    expect(bobs.length).toBe(before + 1);
    expect(bobs.find((n) => n.kind === "mention")).toMatchObject({ conversationId, actorId: a.alice.userId, messageId: noteId, readAt: null });
    expect((await listNotifications({ db: t.db, actor: a.bob }))[0]).toMatchObject({ kind: "mention", messageId: noteId, actorName: a.alice.name });
    const mentions = await t.db.select().from(notifications).where(eq(notifications.kind, "mention"));
    expect(mentions.map((n) => n.userId)).toEqual([a.bob.userId]);
  });

  test("a note does not count as an agent reply in analytics", async () => {
    const a = await createInboxAccount(t.db);
    const h = historyOf(t.db, a.accountId);
    const c = await h.inbound("2025-03-10T09:00:00Z", "n", "email");
    await h.at("2025-03-10T09:05:00Z", () => writeNote({ db: t.db, actor: a.alice, input: { conversationId: c, body: "Looking into it" } }));
    await h.reply("2025-03-10T09:30:00Z", a.bob, c, "email");
    const result = await getAnalyticsReport({ db: t.db, actor: a.owner, input: { period: "custom", from: "2025-03-10", to: "2025-03-16" }, now: new Date("2025-03-20T12:00:00Z") });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.totals.firstResponse).toMatchObject({ count: 1, median: 1800 });
    const alice = result.value.byAgent.find((r) => r.agentId === a.alice.userId);
    expect(alice?.firstResponse.count ?? 0).toBe(0);
  });
});

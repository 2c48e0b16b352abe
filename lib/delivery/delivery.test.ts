import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { conversations, mailLocalMailbox, messengerLocalMailbox, smsLocalMailbox } from "@/db/schema";
import { rowsOf, useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { deliverOutbound, runDeliverMessageJob } from "@/lib/channels/delivery/deliver-outbound";
import { sendOutbound } from "@/lib/channels/delivery/send-outbound";
import { setLocalSmsRefusal } from "@/lib/channels/sms/local-sms-faults";
import { inbound } from "@/lib/inbox/inbox.fixtures";
import { reply } from "@/lib/inbox/reply";
import { retryDelivery } from "@/lib/inbox/retry-delivery";
import { startConversation } from "@/lib/inbox/start-conversation";
import { jobHandlers } from "@/lib/jobs/job-handlers";
import { runQueuedJobs } from "@/lib/jobs/job-runner";
import { isPermanentFailure, PermanentDeliveryError } from "./delivery-failure";
import { createDeliveryAccount, deliveryOf, startSmsApiStub } from "./delivery.fixtures";
import { NOT_WAITING_FOR_RETRY } from "./queue-message-delivery";

const t = useTestDatabase();

afterEach(() => {
  vi.unstubAllEnvs();
});

async function start(a: Awaited<ReturnType<typeof createDeliveryAccount>>, channel: "email" | "sms" | "chat" | "messenger", body = `First words by ${channel}`) {
  const result = await startConversation({ db: t.db, actor: a.alice, input: { contactId: a.contact.id, channel, body } });
  if (!result.ok) throw new Error(result.error);
  const [row] = await rowsOf<{ id: string }>(t.db, sql`SELECT id::text FROM messages WHERE conversation_id = ${result.value.conversationId} AND kind = 'message'`);
  return { ...result.value, messageId: Number(row.id) };
}

const jobsIn = (state: string) => rowsOf<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deliver-message' AND state = ${state}`).then((r) => r[0].n);
const deliveryEvents = () =>
  rowsOf<{ payload: { messageId: number; status: string; error?: string } }>(t.db, sql`SELECT payload FROM events WHERE type = 'message.deliveryChanged' ORDER BY seq`);
/** The clock moves past the backoff: retried jobs become due now. */
const skipBackoff = () => t.db.execute(sql`UPDATE pgboss.job SET start_after = now() - interval '1 second' WHERE state = 'retry'`);

describe("a started conversation delivers its first message", () => {
  test("by email: one mail to the contact, its Message-ID recorded", async () => {
    const a = await createDeliveryAccount(t.db);
    const { messageId } = await start(a, "email");
    expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "pending", channel: "email" });
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    const mails = await t.db.select().from(mailLocalMailbox).where(eq(mailLocalMailbox.accountId, a.accountId));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("First words by email");
    const delivery = await deliveryOf(t.db, messageId);
    expect(delivery).toMatchObject({ status: "sent", attempts: 1, toAddress: a.contact.email, providerMessageId: expect.stringContaining(delivery.idempotencyKey) });
  });

  test("by SMS: one text from the account's number", async () => {
    const a = await createDeliveryAccount(t.db);
    const { messageId } = await start(a, "sms");
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    expect(await t.db.select().from(smsLocalMailbox).where(eq(smsLocalMailbox.accountId, a.accountId))).toEqual([
      expect.objectContaining({ from: a.smsNumber, to: a.contact.phone, body: "First words by sms" }),
    ]);
    expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "sent", fromAddress: a.smsNumber });
  });

  test("by web chat: sent on commit, through the visitor's realtime event (no provider, no job)", async () => {
    const a = await createDeliveryAccount(t.db);
    const { messageId, conversationId } = await start(a, "chat");
    expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "sent" });
    expect(await jobsIn("created")).toBe(0);
    const visitorEvents = await rowsOf<{ channel: string }>(t.db, sql`SELECT channel FROM events WHERE type = 'visitor.message'`);
    expect(visitorEvents.map((e) => e.channel)).toEqual([expect.stringContaining(conversationId)]);
  });

  test("by Messenger: the first message to a Messenger visitor goes to the page's mailbox; a contact cannot be started on Messenger", async () => {
    const a = await createDeliveryAccount(t.db);
    // Messenger people write first (the page may answer within 24 hours); they have no contact record to start from.
    const refused = await startConversation({ db: t.db, actor: a.alice, input: { contactId: a.contact.id, channel: "messenger", body: "Hi" } });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { channel: expect.stringContaining("Messenger") } });
    const { conversationId } = await inbound(t.db, a.accountId, { channel: "messenger", body: "Hello page" });
    await t.db.update(conversations).set({ messengerPsid: "psid-1", lastInboundAt: new Date(), lastInboundChannel: "messenger" }).where(eq(conversations.id, conversationId));
    const sent = await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "messenger", body: "Hello from the page" } });
    if (!sent.ok) throw new Error(sent.error);
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    expect(await t.db.select().from(messengerLocalMailbox).where(eq(messengerLocalMailbox.accountId, a.accountId))).toEqual([
      expect.objectContaining({ recipientPsid: "psid-1", text: "Hello from the page" }),
    ]);
    expect(await deliveryOf(t.db, sent.value.messageId)).toMatchObject({ status: "sent", toAddress: "psid-1" });
  });
});

describe("durability", () => {
  test("a crash between commit and send: nothing is lost — the runner started later sends it exactly once", async () => {
    const a = await createDeliveryAccount(t.db);
    const { messageId } = await start(a, "email");
    // The process died right after the commit: no runner ever ran. The job is in the database.
    expect(await t.db.select().from(mailLocalMailbox)).toHaveLength(0);
    expect(await jobsIn("created")).toBe(1);
    // A runner starts (after a restart, or on another instance).
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    expect(await runQueuedJobs({ db: t.db })).toBe(0);
    expect(await t.db.select().from(mailLocalMailbox)).toHaveLength(1);
    expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "sent", attempts: 1 });
    // A duplicate job (or a late one) does not send again.
    expect(await deliverOutbound({ db: t.db, job: { accountId: a.accountId, messageId } })).toMatchObject({ status: "sent", alreadySent: true });
    expect(await t.db.select().from(mailLocalMailbox)).toHaveLength(1);
  });

  test("a crash after the provider took it but before it was recorded: the retry carries the same key, and the provider keeps one", async () => {
    const a = await createDeliveryAccount(t.db);
    const { messageId } = await start(a, "sms");
    let calls = 0;
    const dying = {
      ...jobHandlers,
      "deliver-message": ({ db, job }) =>
        runDeliverMessageJob({
          db,
          job: job.data,
          attempt: job,
          send: async (...args) => {
            calls++;
            const sent = await sendOutbound(...args);
            if (calls === 1) throw new Error("connection reset before the answer arrived");
            return sent;
          },
        }),
    } satisfies typeof jobHandlers;
    expect(await runQueuedJobs({ db: t.db, handlers: dying })).toBe(1);
    expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "pending", attempts: 1, lastError: "connection reset before the answer arrived" });
    await skipBackoff();
    expect(await runQueuedJobs({ db: t.db, handlers: dying })).toBe(1);
    expect(calls).toBe(2);
    expect(await t.db.select().from(smsLocalMailbox)).toHaveLength(1);
    expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "sent", attempts: 2 });
  });
});

describe("retries", () => {
  test("a provider that fails twice then succeeds: one text, three attempts, the same idempotency key, backoff between", async () => {
    const stub = await startSmsApiStub([503, 503, 201]);
    try {
      vi.stubEnv("SMS_API_URL", stub.url);
      vi.stubEnv("SMS_ACCOUNT_SID", "AC1");
      vi.stubEnv("SMS_AUTH_TOKEN", "token");
      const a = await createDeliveryAccount(t.db);
      const { messageId } = await start(a, "sms");

      expect(await runQueuedJobs({ db: t.db })).toBe(1);
      expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("Service unavailable") });
      // Exponential backoff with jitter: the first retry waits 10–20 s, the second 20–40 s.
      const wait = async () =>
        (await rowsOf<{ s: number }>(t.db, sql`SELECT extract(epoch FROM start_after - now())::float AS s FROM pgboss.job WHERE state = 'retry'`))[0].s;
      expect(await runQueuedJobs({ db: t.db })).toBe(0);
      const first = await wait();
      expect(first).toBeGreaterThan(8);
      expect(first).toBeLessThanOrEqual(20);
      await skipBackoff();
      expect(await runQueuedJobs({ db: t.db })).toBe(1);
      const second = await wait();
      expect(second).toBeGreaterThan(18);
      expect(second).toBeLessThanOrEqual(40);
      await skipBackoff();
      expect(await runQueuedJobs({ db: t.db })).toBe(1);

      expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "sent", attempts: 3, lastError: null, providerMessageId: "SM0000000003" });
      expect(stub.requests).toHaveLength(3);
      const keys = new Set(stub.requests.map((r) => r.headers["idempotency-key"]));
      expect(keys).toEqual(new Set([(await deliveryOf(t.db, messageId)).idempotencyKey]));
      expect((await deliveryEvents()).map((e) => e.payload.status)).toEqual(["sent"]);
    } finally {
      await stub.close();
    }
  });

  test("temporary failures until the last attempt: the delivery ends failed with the provider's reason", async () => {
    vi.stubEnv("DELIVERY_MAX_ATTEMPTS", "2");
    const stub = await startSmsApiStub([503, 503, 503]);
    try {
      vi.stubEnv("SMS_API_URL", stub.url);
      vi.stubEnv("SMS_ACCOUNT_SID", "AC1");
      vi.stubEnv("SMS_AUTH_TOKEN", "token");
      const a = await createDeliveryAccount(t.db);
      const { messageId } = await start(a, "sms");
      await runQueuedJobs({ db: t.db });
      await skipBackoff();
      await runQueuedJobs({ db: t.db });
      expect(stub.requests).toHaveLength(2);
      expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "failed", attempts: 2, lastError: expect.stringContaining("Service unavailable") });
      await skipBackoff();
      expect(await runQueuedJobs({ db: t.db })).toBe(0);
    } finally {
      await stub.close();
    }
  });

  test("a 4xx from the provider (an invalid number) fails at once with its reason: one attempt, no retry", async () => {
    const stub = await startSmsApiStub([400]);
    try {
      vi.stubEnv("SMS_API_URL", stub.url);
      vi.stubEnv("SMS_ACCOUNT_SID", "AC1");
      vi.stubEnv("SMS_AUTH_TOKEN", "token");
      const a = await createDeliveryAccount(t.db);
      const { messageId } = await start(a, "sms");
      expect(await runQueuedJobs({ db: t.db })).toBe(1);
      expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("not a valid phone number") });
      await skipBackoff();
      expect(await runQueuedJobs({ db: t.db })).toBe(0);
      expect(stub.requests).toHaveLength(1);
    } finally {
      await stub.close();
    }
  });

  test("Messenger past its 24-hour window when the job runs: fails at once with the reason", async () => {
    const a = await createDeliveryAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId, { channel: "messenger", body: "Hello page" });
    await t.db.update(conversations).set({ messengerPsid: "psid-2", lastInboundAt: new Date(), lastInboundChannel: "messenger" }).where(eq(conversations.id, conversationId));
    const sent = await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "messenger", body: "Late" } });
    if (!sent.ok) throw new Error(sent.error);
    // The job waited (a stopped runner, retries) past the window.
    await t.db.update(conversations).set({ lastInboundAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(conversations.id, conversationId));
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    expect(await deliveryOf(t.db, sent.value.messageId)).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("24 hours") });
    expect(await t.db.select().from(messengerLocalMailbox)).toHaveLength(0);
  });

  test("which errors are permanent", () => {
    expect(isPermanentFailure(new PermanentDeliveryError("no address"))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error("550 mailbox unavailable"), { responseCode: 550 }))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error("451 try later"), { responseCode: 451 }))).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error("refused"), { retryable: false }))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error("503"), { retryable: true }))).toBe(false);
    expect(isPermanentFailure(new Error("ECONNRESET"))).toBe(false);
  });
});

describe("Not delivered, then Retry", () => {
  test("a refused text shows failed with the reason (live event); Retry by an agent after the fix sends it once", async () => {
    const a = await createDeliveryAccount(t.db);
    const { messageId } = await start(a, "sms");
    setLocalSmsRefusal(a.accountId, "The 'To' number is not a valid phone number.");
    try {
      expect(await runQueuedJobs({ db: t.db })).toBe(1);
    } finally {
      setLocalSmsRefusal(a.accountId, null);
    }
    expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("not a valid phone number") });
    expect((await deliveryEvents()).map((e) => e.payload)).toEqual([
      expect.objectContaining({ messageId, status: "failed", error: expect.stringContaining("not a valid phone number") }),
    ]);
    const keyBefore = (await deliveryOf(t.db, messageId)).idempotencyKey;

    // Attacks first: a viewer, an agent of another account, forged input.
    await expect(retryDelivery({ db: t.db, actor: a.viewer, input: { messageId } })).rejects.toBeInstanceOf(ForbiddenError);
    const other = await createDeliveryAccount(t.db);
    expect(await retryDelivery({ db: t.db, actor: other.alice, input: { messageId } })).toMatchObject({ ok: false, error: "Message not found." });
    expect(await retryDelivery({ db: t.db, actor: a.alice, input: { messageId: "1; DROP TABLE messages" } })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "failed" });
    expect(await jobsIn("created")).toBe(0);

    expect(await retryDelivery({ db: t.db, actor: a.bob, input: { messageId } })).toMatchObject({ ok: true });
    // A second click while it is being sent queues nothing more.
    expect(await retryDelivery({ db: t.db, actor: a.alice, input: { messageId } })).toMatchObject({ ok: false, error: NOT_WAITING_FOR_RETRY });
    expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "pending", lastError: null });
    expect((await deliveryOf(t.db, messageId)).idempotencyKey).not.toBe(keyBefore);
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    expect(await deliveryOf(t.db, messageId)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await t.db.select().from(smsLocalMailbox).where(eq(smsLocalMailbox.accountId, a.accountId))).toHaveLength(1);
    expect((await deliveryEvents()).map((e) => e.payload.status)).toEqual(["failed", "pending", "sent"]);
    expect(await retryDelivery({ db: t.db, actor: a.alice, input: { messageId } })).toMatchObject({ ok: false, error: NOT_WAITING_FOR_RETRY });
  });

  test("a rolled-back reply leaves no delivery and no job", async () => {
    const a = await createDeliveryAccount(t.db);
    const refused = await startConversation({ db: t.db, actor: a.alice, input: { contactId: a.contact.id, channel: "email", body: "" } });
    expect(refused.ok).toBe(false);
    expect(await jobsIn("created")).toBe(0);
    const conversationCount = await t.db.select().from(conversations).where(and(eq(conversations.accountId, a.accountId)));
    expect(conversationCount).toHaveLength(0);
  });
});

describe("where agents see a failed delivery", () => {
  test("the thread shows each outbound message's status; the list marks the conversation; the Outbox lists it for admins only", async () => {
    const { getThread } = await import("@/lib/inbox/queries/get-thread");
    const { getConversationRow } = await import("@/lib/inbox/queries/list-conversations");
    const { listFailedDeliveries } = await import("./failed-deliveries");
    const a = await createDeliveryAccount(t.db);
    const { messageId, conversationId } = await start(a, "sms", "Your parcel is ready");
    const statusIn = async () => (await getThread({ db: t.db, actor: a.alice, conversationId }))?.messages.find((m) => m.id === messageId)?.delivery;
    expect(await statusIn()).toEqual({ status: "pending", error: null });
    setLocalSmsRefusal(a.accountId, "The 'To' number is not a valid phone number.");
    try {
      await runQueuedJobs({ db: t.db });
    } finally {
      setLocalSmsRefusal(a.accountId, null);
    }
    expect(await statusIn()).toEqual({ status: "failed", error: expect.stringContaining("not a valid phone number") });
    expect(await getConversationRow({ db: t.db, actor: a.alice, conversationId })).toMatchObject({ undelivered: true });

    const failed = await listFailedDeliveries({ db: t.db, actor: a.owner });
    expect(failed).toEqual([
      expect.objectContaining({ messageId, conversationId, channel: "sms", attempts: 1, reason: expect.stringContaining("not a valid phone number"), body: "Your parcel is ready" }),
    ]);
    // Another account's admin sees none of it; an agent who is not an admin may not read the Outbox.
    const other = await createDeliveryAccount(t.db);
    expect(await listFailedDeliveries({ db: t.db, actor: other.owner })).toEqual([]);
    await expect(listFailedDeliveries({ db: t.db, actor: a.alice })).rejects.toBeInstanceOf(ForbiddenError);

    await retryDelivery({ db: t.db, actor: a.alice, input: { messageId } });
    await runQueuedJobs({ db: t.db });
    expect(await statusIn()).toEqual({ status: "sent", error: null });
    expect(await getConversationRow({ db: t.db, actor: a.alice, conversationId })).toMatchObject({ undelivered: false });
    expect(await listFailedDeliveries({ db: t.db, actor: a.owner })).toEqual([]);
  });
});

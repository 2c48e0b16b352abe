import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { contacts } from "@/db/schema";
import { startConversation } from "@/lib/inbox/start-conversation";
import { tagConversation } from "@/lib/inbox/tags";
import { createInboxAccount, type InboxAccount } from "@/lib/inbox/inbox.fixtures";
import { getAnalyticsReport, type AnalyticsReport } from "./analytics-report";
import type { ReportInput } from "./report-input";
import { historyOf } from "./history.fixtures";

const t = useTestDatabase();

const HOUR = 3600;
const DAY = 24 * HOUR;
const NOW = new Date("2025-03-20T12:00:00Z");
/** 10–16 March 2025 in the account's zone (UTC unless a test changes it). */
const WEEK: ReportInput = { period: "custom", from: "2025-03-10", to: "2025-03-16" };

/** percentile_cont: linear interpolation between the closest ranks, as the SQL computes it. */
function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/**
 * The hand-built week. Times are UTC; the account's zone is UTC.
 *  A  email  a writes 10 Mar 09:00; Alice replies 09:10 (takes it); Alice completes 10:00.
 *  B  email  b writes 11 Mar 08:00; Bob replies 08:30 (takes it); Bob completes 09:00.
 *            b writes again 12 Mar 14:00 (reopens, Unassigned); Carol replies 16:00 (takes it);
 *            Carol completes 13 Mar 14:00.
 *  C  chat   c writes 13 Mar 10:00; Owner assigns it to Alice 10:05; Alice replies 10:20;
 *            Alice reassigns it to Bob 11:00; Bob replies 11:30; Bob completes 14 Mar 10:00.
 *  D  chat   d writes 14 Mar 09:00 on chat; Alice answers by email 09:45 (takes it);
 *            d writes by email 10:00; Alice replies on chat 10:30. Still open, Alice's.
 *  E  sms    e writes 15 Mar 23:30; a bot answers 23:35. Still open, Unassigned.
 *  F  email  f writes 8 Mar 10:00 (before the week); Owner replies 11:00; Owner completes
 *            10 Mar 10:00 (inside the week).
 *  G  email  g writes 17 Mar 01:00 (after the week); Owner replies 02:00. Still open, Owner's.
 */
async function buildWeek(account: InboxAccount) {
  const h = historyOf(t.db, account.accountId);
  const { owner, alice, bob, carol } = account;

  const a = await h.inbound("2025-03-10T09:00:00Z", "a", "email");
  await h.reply("2025-03-10T09:10:00Z", alice, a, "email");
  await h.complete("2025-03-10T10:00:00Z", alice, a);

  const b = await h.inbound("2025-03-11T08:00:00Z", "b", "email");
  await h.reply("2025-03-11T08:30:00Z", bob, b, "email");
  await h.complete("2025-03-11T09:00:00Z", bob, b);
  expect(await h.inbound("2025-03-12T14:00:00Z", "b", "email")).toBe(b);
  await h.reply("2025-03-12T16:00:00Z", carol, b, "email");
  await h.complete("2025-03-13T14:00:00Z", carol, b);

  const c = await h.inbound("2025-03-13T10:00:00Z", "c", "chat");
  await h.assign("2025-03-13T10:05:00Z", owner, c, alice);
  await h.reply("2025-03-13T10:20:00Z", alice, c, "chat");
  await h.assign("2025-03-13T11:00:00Z", alice, c, bob);
  await h.reply("2025-03-13T11:30:00Z", bob, c, "chat");
  await h.complete("2025-03-14T10:00:00Z", bob, c);

  const d = await h.inbound("2025-03-14T09:00:00Z", "d", "chat");
  await h.reply("2025-03-14T09:45:00Z", alice, d, "email");
  expect(await h.inbound("2025-03-14T10:00:00Z", "d", "email")).toBe(d);
  await h.reply("2025-03-14T10:30:00Z", alice, d, "chat");

  const e = await h.inbound("2025-03-15T23:30:00Z", "e", "sms");
  await h.bot("2025-03-15T23:35:00Z", e, "sms");

  const f = await h.inbound("2025-03-08T10:00:00Z", "f", "email");
  await h.reply("2025-03-08T11:00:00Z", owner, f, "email");
  await h.complete("2025-03-10T10:00:00Z", owner, f);

  const g = await h.inbound("2025-03-17T01:00:00Z", "g", "email");
  await h.reply("2025-03-17T02:00:00Z", owner, g, "email");

  return { a, b, c, d, e, f, g };
}

async function report(actor: InboxAccount["owner"], input: ReportInput = WEEK): Promise<AnalyticsReport> {
  const result = await getAnalyticsReport({ db: t.db, actor, input, now: NOW });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** A median / p90 figure equals the percentiles of the durations worked out by hand. */
function expectSpread(spread: { count: number; median: number | null; p90: number | null }, samples: number[]) {
  expect(spread.count).toBe(samples.length);
  if (samples.length === 0) {
    expect([spread.median, spread.p90]).toEqual([null, null]);
    return;
  }
  expect(spread.median).toBeCloseTo(percentile(samples, 0.5), 6);
  expect(spread.p90).toBeCloseTo(percentile(samples, 0.9), 6);
}

function rowOf(r: AnalyticsReport, who: { userId: string }) {
  const row = r.byAgent.find((x) => x.agentId === who.userId);
  if (!row) throw new Error("no row for agent");
  return row;
}

describe("analytics report: the hand-built week", () => {
  it("counts received conversations once per arrival, a reopened one again at the message that reopened it", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const r = await report(account.owner);
    // A, B (new), B (reopened 12 Mar), C, D, E. F arrived before the week, G after it.
    expect(r.totals.received).toBe(6);
    expect(r.totals.receivedReopened).toBe(1);
    expect(r.period.from.toISOString()).toBe("2025-03-10T00:00:00.000Z");
    expect(r.period.to.toISOString()).toBe("2025-03-17T00:00:00.000Z");
  });

  it("measures first response per cycle, on any channel, ignoring bots and later back-and-forth", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const r = await report(account.owner);
    // A 10 min, B 30 min, B reopened 2 h (Carol), C 20 min (Alice, before the reassignment),
    // D 45 min (answered by email although d wrote on chat). E only had a bot: not answered.
    const samples = [600, 1800, 7200, 1200, 2700];
    expect(r.totals.firstResponse.count).toBe(5);
    expect(r.totals.firstResponse.median).toBe(1800);
    expect(r.totals.firstResponse.p90).toBeCloseTo(percentile(samples, 0.9), 6);
    expect(r.totals.firstResponse.p90).toBeCloseTo(5400, 6);
  });

  it("measures time to complete from the cycle's first message, counting completions in the period", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const r = await report(account.owner);
    // A 1 h, B 1 h, B reopened 12 Mar 14:00 → 13 Mar 14:00 = 1 day, C 1 day,
    // F 8 Mar 10:00 → 10 Mar 10:00 = 2 days (arrived before the week, completed in it).
    const samples = [HOUR, HOUR, DAY, DAY, 2 * DAY];
    expect(r.totals.completed).toBe(5);
    expect(r.totals.timeToComplete.count).toBe(5);
    expect(r.totals.timeToComplete.median).toBe(DAY);
    expect(r.totals.timeToComplete.p90).toBeCloseTo(percentile(samples, 0.9), 6);
  });

  it("counts agents' messages sent in the period, not bots' and not outside it", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const r = await report(account.owner);
    expect(r.totals.messagesSent).toBe(7);
    expect(rowOf(r, account.alice).messagesSent).toBe(4);
    expect(rowOf(r, account.bob).messagesSent).toBe(2);
    expect(rowOf(r, account.carol).messagesSent).toBe(1);
    // The owner's replies to F and G were on 8 and 17 March.
    expect(rowOf(r, account.owner).messagesSent).toBe(0);
  });

  it("shows what is open and unassigned now, whatever the period", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const r = await report(account.owner);
    // D (Alice), E (nobody), G (Owner).
    expect(r.totals.openNow).toBe(3);
    expect(r.totals.unassignedNow).toBe(1);
    expect(rowOf(r, account.alice).openNow).toBe(1);
    expect(rowOf(r, account.owner).openNow).toBe(1);
    expect(rowOf(r, account.bob).openNow).toBe(0);
  });

  it("credits agents: handlers for received (reassigned counts for both), responder for first response, assignee at completion", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const r = await report(account.owner);
    const alice = rowOf(r, account.alice);
    expect(alice.received).toBe(3); // A, C, D
    expectSpread(alice.firstResponse, [600, 1200, 2700]);
    expect(alice.firstResponse.median).toBe(1200);
    expect(alice.completed).toBe(1); // A; C was Bob's when completed
    expectSpread(alice.timeToComplete, [HOUR]);

    const bob = rowOf(r, account.bob);
    expect(bob.received).toBe(2); // B (first cycle), C
    expectSpread(bob.firstResponse, [1800]);
    expect(bob.completed).toBe(2); // B, C
    expectSpread(bob.timeToComplete, [HOUR, DAY]);
    expect(bob.timeToComplete.median).toBe((HOUR + DAY) / 2);

    const carol = rowOf(r, account.carol);
    expect(carol.received).toBe(1); // B reopened
    expectSpread(carol.firstResponse, [7200]);
    expectSpread(carol.timeToComplete, [DAY]);

    const owner = rowOf(r, account.owner);
    expect(owner.received).toBe(0);
    expect(owner.completed).toBe(1); // F
    expectSpread(owner.timeToComplete, [2 * DAY]);
    expectSpread(owner.firstResponse, []);
    // Every Agent is listed, even idle; viewers and No-access users are not.
    expect(r.byAgent.map((x) => x.agentId).sort()).toEqual(
      [account.owner, account.alice, account.bob, account.carol].map((x) => x.userId).sort(),
    );
  });

  it("credits channels: the channel the contact wrote on, and for messages the channel they went through", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const r = await report(account.owner);
    const email = r.byChannel.find((x) => x.channel === "email")!;
    const chat = r.byChannel.find((x) => x.channel === "chat")!;
    const sms = r.byChannel.find((x) => x.channel === "sms")!;
    const messenger = r.byChannel.find((x) => x.channel === "messenger")!;
    expect(email.received).toBe(3); // A, B, B reopened
    expectSpread(email.firstResponse, [600, 1800, 7200]);
    expect(email.completed).toBe(4); // A, B, B, F
    expectSpread(email.timeToComplete, [HOUR, HOUR, DAY, 2 * DAY]);
    expect(email.messagesSent).toBe(4); // A, B ×2, D's email answer
    expect(email.openNow).toBe(2); // D (d last wrote by email), G

    expect(chat.received).toBe(2); // C, D
    expectSpread(chat.firstResponse, [1200, 2700]);
    expect(chat.completed).toBe(1);
    expect(chat.messagesSent).toBe(3);
    expect(chat.openNow).toBe(0);

    expect(sms).toMatchObject({ received: 1, completed: 0, messagesSent: 0, openNow: 1 });
    expect(sms.firstResponse).toEqual({ count: 0, median: null, p90: null });
    expect(messenger).toMatchObject({ received: 0, completed: 0, messagesSent: 0, openNow: 0 });
  });

  it("spreads volume over the hours of the day", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const r = await report(account.owner);
    expect(r.byHour).toHaveLength(24);
    const received = Object.fromEntries(r.byHour.filter((x) => x.received).map((x) => [x.hour, x.received]));
    const sent = Object.fromEntries(r.byHour.filter((x) => x.sent).map((x) => [x.hour, x.sent]));
    expect(received).toEqual({ 8: 1, 9: 2, 10: 1, 14: 1, 23: 1 });
    expect(sent).toEqual({ 8: 1, 9: 2, 10: 2, 11: 1, 16: 1 });
    expect(r.byDay.map((x) => x.day)).toEqual(["2025-03-10", "2025-03-11", "2025-03-12", "2025-03-13", "2025-03-14", "2025-03-15", "2025-03-16"]);
    expect(r.byDay.map((x) => x.received)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(r.byDay.map((x) => x.completed)).toEqual([2, 1, 0, 1, 1, 0, 0]);
  });

  it("narrows by channel, group and tag", async () => {
    const account = await createInboxAccount(t.db);
    const { b, c } = await buildWeek(account);
    const chat = await report(account.owner, { ...WEEK, channel: "chat" });
    expect(chat.totals).toMatchObject({ received: 2, completed: 1, messagesSent: 3, openNow: 0, unassignedNow: 0 });
    expect(chat.byChannel.map((x) => x.channel)).toEqual(["chat"]);

    // Support = Alice and Bob: cycles either of them held, replies and completions they made.
    const support = await report(account.owner, { ...WEEK, group: account.supportGroupId });
    expect(support.byAgent.map((x) => x.agentId).sort()).toEqual([account.alice.userId, account.bob.userId].sort());
    expect(support.totals.received).toBe(4); // A, B, C, D
    expect(support.totals.firstResponse.count).toBe(4); // A, B, C, D
    expect(support.totals.completed).toBe(3); // A, B, C
    expect(support.totals.messagesSent).toBe(6);
    expect(support.totals.unassignedNow).toBeNull();

    const tagIds = new Set<string>();
    for (const conversationId of [b, c]) {
      const tagged = await tagConversation({ db: t.db, actor: account.alice, input: { conversationId, name: "Billing" } });
      if (!tagged.ok) throw new Error(tagged.error);
      tagIds.add(tagged.value.tagId);
    }
    expect(tagIds.size).toBe(1);
    const billing = await report(account.owner, { ...WEEK, tag: [...tagIds][0] });
    expect(billing.totals).toMatchObject({ received: 3, completed: 3, messagesSent: 4, openNow: 0 });
  });

  it("starts the clock at the contact's message, not at an agent's message before it", async () => {
    const account = await createInboxAccount(t.db);
    const h = historyOf(t.db, account.accountId);
    const { carol, bob } = account;
    const [contact] = await t.db.insert(contacts).values({ accountId: account.accountId, name: "Hana", email: "hana@example.com", visitorId: "v-hana" }).returning();
    // Carol starts a conversation; Hana answers an hour later; Carol replies an hour after that.
    const { conversationId } = await h.at("2025-03-12T09:00:00Z", () =>
      startConversation({ db: t.db, actor: carol, input: { contactId: contact.id, channel: "email", body: "Your order shipped" } }),
    );
    expect(await h.inbound("2025-03-12T10:00:00Z", "hana", "email")).toBe(conversationId);
    await h.reply("2025-03-12T11:00:00Z", carol, conversationId, "email");
    await h.complete("2025-03-12T12:00:00Z", carol, conversationId);
    // A follow-up to the completed conversation does not answer the message that later reopens it.
    await h.reply("2025-03-12T13:00:00Z", carol, conversationId, "email");
    expect(await h.inbound("2025-03-12T15:00:00Z", "hana", "email")).toBe(conversationId);
    await h.reply("2025-03-12T15:30:00Z", bob, conversationId, "email");

    const r = await report(account.owner);
    expect(r.totals.received).toBe(2);
    expect(r.totals.receivedReopened).toBe(1);
    expectSpread(r.totals.firstResponse, [HOUR, 30 * 60]);
    expectSpread(r.totals.timeToComplete, [2 * HOUR]);
    expect(r.totals.messagesSent).toBe(4);
    expect(rowOf(r, carol)).toMatchObject({ received: 1, messagesSent: 3, completed: 1, openNow: 0 });
    expect(rowOf(r, bob)).toMatchObject({ received: 1, messagesSent: 1, completed: 0, openNow: 1 });
    expectSpread(rowOf(r, bob).firstResponse, [30 * 60]);
  });

  it("shows an empty report for a quiet period", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const r = await report(account.owner, { period: "custom", from: "2025-01-01", to: "2025-01-31" });
    expect(r.totals).toMatchObject({ received: 0, completed: 0, messagesSent: 0 });
    expect(r.totals.firstResponse).toEqual({ count: 0, median: null, p90: null });
    // Conversations are open right now, so the report is not empty.
    expect(r.isEmpty).toBe(false);
    const fresh = await createInboxAccount(t.db, "Quiet Co");
    expect((await report(fresh.owner)).isEmpty).toBe(true);
  });

  it("keeps accounts apart", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const other = await createInboxAccount(t.db, "Other Co");
    const r = await report(other.owner);
    expect(r.totals).toMatchObject({ received: 0, completed: 0, messagesSent: 0, openNow: 0 });
    // Filtering by another account's agent shows nothing of them either.
    const spy = await report(other.owner, { ...WEEK, agent: account.alice.userId });
    expect(spy.totals).toMatchObject({ received: 0, messagesSent: 0 });
    expect(spy.byAgent).toEqual([]);
  });
});

describe("analytics report: time zones", () => {
  /** Three conversations around the end of 15 March, which ends at 04:00 UTC in New York (EDT). */
  async function buildEdges(account: InboxAccount) {
    const h = historyOf(t.db, account.accountId);
    await h.setTimeZone("America/New_York");
    const early = await h.inbound("2025-03-15T03:00:00Z", "early", "email"); // 14 Mar 23:00 in New York
    await h.reply("2025-03-15T03:30:00Z", account.alice, early, "email"); //    14 Mar 23:30
    await h.inbound("2025-03-15T23:30:00Z", "evening", "email"); //             15 Mar 19:30
    const late = await h.inbound("2025-03-16T02:00:00Z", "late", "email"); //   15 Mar 22:00
    await h.reply("2025-03-16T03:59:00Z", account.alice, late, "email"); //     15 Mar 23:59
    await h.reply("2025-03-16T04:00:00Z", account.alice, late, "email"); //     16 Mar 00:00
  }

  it("reckons a custom day and hours of the day in the account's zone", async () => {
    const account = await createInboxAccount(t.db);
    await buildEdges(account);
    const r = await report(account.owner, { period: "custom", from: "2025-03-15", to: "2025-03-15" });
    expect(r.period.timeZone).toBe("America/New_York");
    expect(r.period.from.toISOString()).toBe("2025-03-15T04:00:00.000Z");
    expect(r.period.to.toISOString()).toBe("2025-03-16T04:00:00.000Z");
    expect(r.totals.received).toBe(2); // evening, late
    expect(r.totals.messagesSent).toBe(1); // 23:59, not midnight's
    expect(r.totals.firstResponse).toEqual({ count: 1, median: 1 * HOUR + 59 * 60, p90: 1 * HOUR + 59 * 60 });
    expect(r.byHour.filter((x) => x.received).map((x) => x.hour)).toEqual([19, 22]);
    expect(r.byHour.filter((x) => x.sent).map((x) => x.hour)).toEqual([23]);
    expect(r.byDay).toEqual([{ day: "2025-03-15", received: 2, completed: 0 }]);
  });

  it("the same day in UTC (a tz override) holds other conversations", async () => {
    const account = await createInboxAccount(t.db);
    await buildEdges(account);
    const r = await report(account.owner, { period: "custom", from: "2025-03-15", to: "2025-03-15", tz: "UTC" });
    expect(r.totals.received).toBe(2); // early, evening
    expect(r.totals.messagesSent).toBe(1); // 03:30
    expect(r.byHour.filter((x) => x.received).map((x) => x.hour)).toEqual([3, 23]);
  });

  it("'Today' is today in the account's zone", async () => {
    const account = await createInboxAccount(t.db);
    await buildEdges(account);
    // 02:30 UTC on 16 March is still 15 March in New York.
    const result = await getAnalyticsReport({ db: t.db, actor: account.owner, input: { period: "today" }, now: new Date("2025-03-16T02:30:00Z") });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.period.firstDay).toBe("2025-03-15");
    expect(result.value.totals.received).toBe(2);
  });
});

describe("analytics report: who sees what", () => {
  it("an agent sees only their own figures, whatever filter they send", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const admin = await report(account.owner);
    for (const input of [WEEK, { ...WEEK, agent: account.bob.userId }, { ...WEEK, group: account.supportGroupId }]) {
      const own = await report(account.alice, input);
      expect(own.scope).toEqual({ kind: "own", agentId: account.alice.userId });
      expect(own.byAgent).toHaveLength(1);
      expect(own.byAgent[0]).toEqual(rowOf(admin, account.alice));
      expect(own.totals.received).toBe(3);
      expect(own.totals.messagesSent).toBe(4);
      expect(own.totals.firstResponse.count).toBe(3);
      expect(own.totals.openNow).toBe(1);
      expect(own.totals.unassignedNow).toBeNull();
    }
  });

  it("an admin sees the whole team, or one agent when filtered", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    const r = await report(account.owner, { ...WEEK, agent: account.bob.userId });
    expect(r.scope).toEqual({ kind: "team" });
    expect(r.byAgent.map((x) => x.agentId)).toEqual([account.bob.userId]);
    expect(r.totals.completed).toBe(2);
  });

  it("viewers and No-access users see nothing", async () => {
    const account = await createInboxAccount(t.db);
    await buildWeek(account);
    for (const actor of [account.viewer, account.nobody]) {
      await expect(getAnalyticsReport({ db: t.db, actor, input: WEEK, now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("refuses bad filters with a clear message and no report", async () => {
    const account = await createInboxAccount(t.db);
    const cases: [unknown, string][] = [
      [{ period: "custom", from: "2025-03-10" }, "to"],
      [{ period: "custom", from: "2025-03-10", to: "2025-03-01" }, "to"],
      [{ period: "custom", from: "2025-02-30", to: "2025-03-01" }, "from"],
      [{ period: "custom", from: "2024-01-01", to: "2025-03-01" }, "to"],
      [{ period: "week" }, "period"],
      [{ channel: "fax" }, "channel"],
      [{ agent: "not-a-uuid" }, "agent"],
      [{ tz: "Mars/Olympus" }, "tz"],
    ];
    for (const [input, field] of cases) {
      const result = await getAnalyticsReport({ db: t.db, actor: account.owner, input, now: NOW });
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toContain(field);
    }
  });
});

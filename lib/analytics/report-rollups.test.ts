import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, useTestDatabase } from "@/db/test-database";
import { accounts, messages } from "@/db/schema";
import { eq } from "drizzle-orm";
import { createInboxAccount, inbound } from "@/lib/inbox/inbox.fixtures";
import { reply } from "@/lib/inbox/reply";
import { historyOf } from "./history.fixtures";
import { randomHistories, START, DAY } from "./random-histories.fixtures";
import { runReportQuery, runReportStatement, runRollupReport, type RawReport, type ReportQueryParams } from "./report-query";
import { reportQueryFromHistory } from "./report-query-from-history";
import type { RollupQueryParams } from "./report-query-from-rollups";

// The per-day rollups (decision 0052) are kept by triggers on the facts; these tests hold them to
// the report's definitions computed from the whole histories: counts exact, percentiles within 1 %.
const t = useTestDatabase({ poolSize: 10 });

const sortRows = <T extends { agentId?: string; channel?: string }>(rows: T[]) =>
  [...rows].sort((a, b) => String(a.agentId ?? a.channel).localeCompare(String(b.agentId ?? b.channel)));

/** Every percentile of `got` replaced by the oracle's when within 1 % of it, so toEqual shows what differs. */
/**
 * An account with random histories, then back-dated and deleted messages on top (the triggers
 * subtract as well as add), beside a neighbour account with its own histories.
 */
async function editedHistories(o: { seeds: [number, number]; backdate: "3 hours" | "2 days"; backdateEvery: number; deleteEvery: number }) {
  const account = await createInboxAccount(t.db);
  const other = await createInboxAccount(t.db, "Neighbour");
  await randomHistories(t.db, account, o.seeds[0], 12);
  await randomHistories(t.db, other, o.seeds[1], 4);
  await t.db.execute(
    sql`UPDATE messages SET created_at = created_at - ${o.backdate}::interval WHERE account_id = ${account.accountId} AND id % ${o.backdateEvery} = 0`,
  );
  await t.db.execute(
    sql`DELETE FROM messages m WHERE m.account_id = ${account.accountId} AND m.id % ${o.deleteEvery} = 0
        AND NOT EXISTS (SELECT 1 FROM message_deliveries d WHERE d.message_id = m.id)`,
  );
  return { account, other };
}

function withinOnePercent(got: RawReport, exact: RawReport) {
  const close = (a: number | null, b: number | null) => (a === null || b === null ? a : Math.abs(a - b) <= 0.01 * Math.abs(b) ? b : a);
  const spread = (g: RawReport["totals"]["firstResponse"], e: RawReport["totals"]["firstResponse"] | undefined) =>
    e ? { count: g.count, median: close(g.median, e.median), p90: close(g.p90, e.p90) } : g;
  return {
    ...got,
    totals: { ...got.totals, firstResponse: spread(got.totals.firstResponse, exact.totals.firstResponse), timeToComplete: spread(got.totals.timeToComplete, exact.totals.timeToComplete) },
    byAgent: sortRows(got.byAgent).map((r) => {
      const e = exact.byAgent.find((x) => x.agentId === r.agentId);
      return { ...r, firstResponse: spread(r.firstResponse, e?.firstResponse), timeToComplete: spread(r.timeToComplete, e?.timeToComplete) };
    }),
    byChannel: sortRows(got.byChannel).map((r) => {
      const e = exact.byChannel.find((x) => x.channel === r.channel);
      return { ...r, firstResponse: spread(r.firstResponse, e?.firstResponse), timeToComplete: spread(r.timeToComplete, e?.timeToComplete) };
    }),
  };
}

async function compare(label: string, params: ReportQueryParams, days: Omit<RollupQueryParams, "accountId" | "agentId" | "channel">) {
  const fromRollups = (await runRollupReport(t.db, { ...days, accountId: params.accountId, agentId: params.agentIds?.[0] ?? null, channel: params.channel }))!;
  const exact = await runReportStatement(t.db, reportQueryFromHistory(params));
  const normalExact = { ...exact, byAgent: sortRows(exact.byAgent), byChannel: sortRows(exact.byChannel) };
  expect(withinOnePercent(fromRollups, exact), label).toEqual(normalExact);
  // What the page gets goes through the rollups too (exactBelow 0: no exact fallback).
  const routed = await runReportQuery(t.db, params, { exactBelow: 0 });
  expect(withinOnePercent(routed, exact), `${label} (routed)`).toEqual(normalExact);
  return fromRollups;
}

/** The rollups and open counts, normalised: all-zero rows and zero hour counts dropped (duration tallies are canonical). */
async function rollupSnapshot(accountId: string) {
  const daily = await rowsOf(
    t.db,
    sql`SELECT d.day::text, d.agent_id, d.channel, d.handled_day::text, d.received, d.received_reopened, d.responses, d.frt_zero, d.completed,
               d.ttc_zero, d.sent,
               (SELECT coalesce(json_agg(json_build_array(array_lower(d.received_hours, 1) + u.i - 1, u.v) ORDER BY u.i), '[]') FROM unnest(d.received_hours) WITH ORDINALITY u(v, i) WHERE u.v <> 0) AS received_hours,
               d.frt, d.ttc,
               (SELECT coalesce(json_agg(json_build_array(array_lower(d.sent_hours, 1) + u.i - 1, u.v) ORDER BY u.i), '[]') FROM unnest(d.sent_hours) WITH ORDINALITY u(v, i) WHERE u.v <> 0) AS sent_hours
        FROM analytics_daily d
        WHERE d.account_id = ${accountId}
          AND (d.received, d.received_reopened, d.responses, d.frt_zero, d.completed, d.ttc_zero, d.sent) <> (0, 0, 0, 0, 0, 0, 0)
        ORDER BY 1, 2, 3, 4`,
  );
  const open = await rowsOf(
    t.db,
    sql`SELECT assignee_id, channel, conversations FROM analytics_open_now WHERE account_id = ${accountId} AND conversations <> 0 ORDER BY 1, 2`,
  );
  return JSON.parse(JSON.stringify({ daily, open }));
}

type TallyColumns = { frt: number[]; frt_zero: number; ttc: number[]; ttc_zero: number };

/**
 * The weekly tallies as kept, and as merged from the daily rows of each week (the team's per
 * channel, an agent's over every channel): both normalised, rows without durations dropped.
 */
async function weeklyTallies(accountId: string) {
  type Row = TallyColumns & { week: string; agent_id: string | null; channel: string | null };
  const kept = await rowsOf<Row>(
    t.db,
    sql`SELECT w.week::text, w.agent_id, w.channel, w.frt, w.frt_zero, w.ttc, w.ttc_zero FROM analytics_weekly_tallies w
        WHERE w.account_id = ${accountId}`,
  );
  const days = await rowsOf<Row>(
    t.db,
    sql`SELECT date_trunc('week', d.day)::date::text AS week, d.agent_id, CASE WHEN d.agent_id IS NULL THEN d.channel END AS channel,
               d.frt, d.frt_zero, d.ttc, d.ttc_zero
        FROM analytics_daily d WHERE d.account_id = ${accountId}`,
  );
  const merged = new Map<string, { week: string; agent_id: string | null; channel: string | null; frt: Map<number, number>; frt_zero: number; ttc: Map<number, number>; ttc_zero: number }>();
  const addPairs = (into: Map<number, number>, pairs: number[]) => {
    for (let i = 0; i < pairs.length; i += 2) into.set(pairs[i], (into.get(pairs[i]) ?? 0) + pairs[i + 1]);
  };
  for (const r of days) {
    const key = `${r.week} ${r.agent_id} ${r.channel}`;
    let m = merged.get(key);
    if (!m) merged.set(key, (m = { week: r.week, agent_id: r.agent_id, channel: r.channel, frt: new Map(), frt_zero: 0, ttc: new Map(), ttc_zero: 0 }));
    addPairs(m.frt, r.frt);
    addPairs(m.ttc, r.ttc);
    m.frt_zero += r.frt_zero;
    m.ttc_zero += r.ttc_zero;
  }
  const canonical = (pairs: Map<number, number>) => [...pairs].filter(([, n]) => n !== 0).sort((a, b) => a[0] - b[0]).flat();
  const normal = (rows: Row[]) =>
    rows
      .filter((r) => r.frt.length || r.frt_zero || r.ttc.length || r.ttc_zero)
      .map((r) => ({ ...r, frt: [...r.frt], ttc: [...r.ttc] }))
      .sort((a, b) => `${a.week} ${a.agent_id} ${a.channel}`.localeCompare(`${b.week} ${b.agent_id} ${b.channel}`));
  const fromDays = normal([...merged.values()].map((m) => ({ ...m, frt: canonical(m.frt), ttc: canonical(m.ttc) })));
  return { kept: normal(kept), fromDays };
}

describe("analytics rollups", () => {
  it("give the histories' counts exactly and percentiles within 1 %, for the team, an agent, a channel", { timeout: 180_000 }, async () => {
    const account = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Neighbour");
    await randomHistories(t.db, account, 7, 14);
    await randomHistories(t.db, other, 8, 5);
    const base: ReportQueryParams = {
      accountId: account.accountId,
      from: new Date(START + 2 * DAY),
      to: new Date(START + 9 * DAY),
      timeZone: "UTC",
      agentIds: null,
      channel: null,
      tagId: null,
    };
    const week = { firstDay: "2025-03-03", endDay: "2025-03-10" };
    const all = { firstDay: "2025-02-28", endDay: "2025-03-31" };
    const everything = { ...base, from: new Date(START - DAY), to: new Date(START + 30 * DAY) };
    await compare("whole team", base, week);
    const wide = await compare("everything", everything, all);
    await compare("one agent", { ...base, agentIds: [account.alice.userId] }, week);
    await compare("another agent, everything", { ...everything, agentIds: [account.bob.userId] }, all);
    await compare("one channel", { ...base, channel: "email" }, week);
    await compare("an agent on a channel", { ...everything, agentIds: [account.carol.userId], channel: "chat" }, all);
    await compare("one day", { ...base, from: new Date(START + 4 * DAY), to: new Date(START + 5 * DAY) }, { firstDay: "2025-03-05", endDay: "2025-03-06" });
    // The histories are not trivial: the check above compared real figures.
    expect(wide.totals.received).toBeGreaterThan(14);
    expect(wide.totals.receivedReopened).toBeGreaterThan(0);
    expect(wide.totals.firstResponse.count).toBeGreaterThan(5);
    expect(wide.totals.completed).toBeGreaterThan(3);
    expect(wide.byAgent.length).toBeGreaterThan(1);
  });

  it("follow the account's time zone: a new zone recomputes them", { timeout: 180_000 }, async () => {
    const account = await createInboxAccount(t.db);
    await randomHistories(t.db, account, 21, 10);
    await historyOf(t.db, account.accountId).setTimeZone("Asia/Kolkata");
    const params: ReportQueryParams = {
      accountId: account.accountId,
      from: new Date("2025-03-02T18:30:00Z"),
      to: new Date("2025-03-09T18:30:00Z"),
      timeZone: "Asia/Kolkata",
      agentIds: null,
      channel: null,
      tagId: null,
    };
    const r = await compare("Kolkata days", params, { firstDay: "2025-03-03", endDay: "2025-03-10" });
    expect(r.totals.received).toBeGreaterThan(0);
    await historyOf(t.db, account.accountId).setTimeZone("America/New_York");
    await compare(
      "New York days",
      { ...params, timeZone: "America/New_York", from: new Date("2025-03-03T05:00:00Z"), to: new Date("2025-03-10T04:00:00Z") },
      { firstDay: "2025-03-03", endDay: "2025-03-10" },
    );
  });

  it("are what a rebuild of the account gives (the triggers and the backfill agree)", { timeout: 180_000 }, async () => {
    const { account, other } = await editedHistories({ seeds: [11, 12], backdate: "3 hours", backdateEvery: 5, deleteEvery: 7 });
    const kept = await rollupSnapshot(account.accountId);
    const neighbour = await rollupSnapshot(other.accountId);
    expect(kept.daily.length).toBeGreaterThan(10);
    expect(kept.open.length).toBeGreaterThan(0);
    await t.db.execute(sql`SELECT analytics_rebuild_account(${account.accountId})`);
    expect(await rollupSnapshot(account.accountId)).toEqual(kept);
    expect(await rollupSnapshot(other.accountId)).toEqual(neighbour);
    await t.db.execute(sql`SELECT analytics_rebuild_all()`);
    expect(await rollupSnapshot(account.accountId)).toEqual(kept);
  });

  it("keep weekly tallies that are their days' tallies merged, by the triggers and by a rebuild", { timeout: 180_000 }, async () => {
    const { account, other } = await editedHistories({ seeds: [41, 42], backdate: "2 days", backdateEvery: 4, deleteEvery: 9 });
    const byTriggers = await weeklyTallies(account.accountId);
    expect(byTriggers.kept.length).toBeGreaterThan(3);
    expect(byTriggers.kept.some((r) => r.agent_id !== null && r.frt.length > 2)).toBe(true);
    expect(byTriggers.kept).toEqual(byTriggers.fromDays);
    const neighbour = await weeklyTallies(other.accountId);
    await t.db.execute(sql`SELECT analytics_rebuild_account(${account.accountId})`);
    expect(await weeklyTallies(account.accountId)).toEqual(byTriggers);
    expect(await weeklyTallies(other.accountId)).toEqual(neighbour);
  });

  it.runIf(process.env.DATABASE_URL)(
    "stay right when writers of different conversations of one account commit in parallel (PostgreSQL)",
    { timeout: 180_000 },
    async () => {
      const account = await createInboxAccount(t.db);
      const agents = [account.owner, account.alice, account.bob, account.carol];
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        ids.push((await inbound(t.db, account.accountId, { externalId: `rp-${i}`, email: `r${i}@example.com`, body: "Hi" })).conversationId);
      }
      // Every writer touches the same day's team rows; replies lock their conversation, the raw
      // inserts (an import) do not. A deadlock or a lost update fails here.
      const results = await Promise.allSettled(
        Array.from({ length: 36 }, (_, i) =>
          i % 3
            ? reply({ db: t.db, actor: agents[i % 4], input: { conversationId: ids[i % 6], channel: "email", body: `r${i}` } })
            : t.db.transaction((tx) =>
                tx.insert(messages).values({
                  accountId: account.accountId,
                  conversationId: ids[(i + 1) % 6],
                  direction: "in",
                  channel: "sms",
                  senderKind: "contact",
                  body: `again ${i}`,
                }),
              ),
        ),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const kept = await rollupSnapshot(account.accountId);
      const sent = await rowsOf<{ n: number }>(t.db, sql`SELECT sum(sent)::int AS n FROM analytics_daily WHERE agent_id IS NULL`);
      expect(sent[0].n).toBe(24);
      await t.db.execute(sql`SELECT analytics_rebuild_account(${account.accountId})`);
      expect(await rollupSnapshot(account.accountId)).toEqual(kept);
    },
  );

  it("go with a deleted account, and a neighbour's stay", { timeout: 180_000 }, async () => {
    const account = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Neighbour");
    await randomHistories(t.db, account, 31, 4);
    await randomHistories(t.db, other, 32, 4);
    const neighbour = await rollupSnapshot(other.accountId);
    await t.db.delete(accounts).where(eq(accounts.id, account.accountId));
    const left = await rowsOf<{ n: number }>(
      t.db,
      sql`SELECT ((SELECT count(*) FROM analytics_daily WHERE account_id = ${account.accountId}) +
                  (SELECT count(*) FROM analytics_open_now WHERE account_id = ${account.accountId}))::int AS n`,
    );
    expect(left[0].n).toBe(0);
    expect(await rollupSnapshot(other.accountId)).toEqual(neighbour);
    expect(await t.db.$count(messages)).toBeGreaterThan(0);
  });
});

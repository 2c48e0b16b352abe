/**
 * Analytics speed on a large account: `npm run bench:analytics` (needs DATABASE_URL, a
 * PostgreSQL server). Creates a throwaway database, fills it with generate_series (one large
 * account plus a second, noisy one), then runs the 30-day report repeatedly and prints p50/p99.
 *
 * The report reads the per-day rollups (decision 0052) over the analytics facts (decision 0040).
 * The seed inserts with triggers off and then rebuilds the account's facts and rollups in one
 * set-based call (analytics_rebuild_account, the operator's backfill); BENCH_SEED=triggers builds
 * them through the triggers instead, as the app's commands do. The seed time is printed on its
 * own. Timed in the same run as the comparison: the facts statement of decision 0040
 * (BENCH_FACTS_RUNS, default 5) and the old statement over the whole histories
 * (report-query-from-history.ts; BENCH_HISTORY_RUNS, default 3); 0 skips either. The rollups'
 * statements are timed with and without the weekly tallies, alternating (BENCH_ROLLUP_RUNS,
 * default 20, twice each). The percentiles' error against exact percentile_cont is printed too.
 *
 * Size and runs: BENCH_CONVERSATIONS (default 100000, over 180 days; 1000000 takes minutes to
 * seed), BENCH_RUNS (default 20).
 * BENCH_KEEP=1 keeps the database and prints its name; BENCH_DATABASE=<name> reuses one.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, type Db } from "../db/database";
import { withDatabase } from "../db/test-global-setup";
import type { Actor } from "../lib/access/permissions";
import { getAnalyticsReport } from "../lib/analytics/analytics-report";
import type { ReportInput } from "../lib/analytics/report-input";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("bench:analytics needs DATABASE_URL (a PostgreSQL server).");
  process.exit(1);
}
const conversationsWanted = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 20);
const reuse = process.env.BENCH_DATABASE;
const bulk = process.env.BENCH_SEED !== "triggers";
const name = reuse ?? `conv_bench_analytics_${process.pid}_${Date.now()}`;

const admin = postgres(url, { max: 1, onnotice: () => {} });
if (!reuse) await admin.unsafe(`CREATE DATABASE "${name}"`);
const handle = await openDatabase({ url: withDatabase(url, name), poolSize: 4 });
try {
  await handle.migrate();
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (2-core machine; figures are noisy above ~1)`);
  const started = performance.now();
  const big = reuse ? await actorsOf(handle.db, "Bench Large") : await buildAccount(handle.db, "Bench Large", conversationsWanted, 20);
  let vacuumMs = 0;
  if (!reuse) {
    await buildAccount(handle.db, "Bench Neighbour", Math.round(conversationsWanted / 2), 10);
    // A settled database: statistics and the visibility map (index-only scans) are up to date.
    const v0 = performance.now();
    await handle.db.execute(sql`VACUUM ANALYZE`);
    vacuumMs = performance.now() - v0;
  }
  const seedMs = performance.now() - started - vacuumMs;
  const sizes = (await handle.db.execute(
    sql`SELECT (SELECT count(*)::int FROM conversations c WHERE c.account_id = a.id) AS n FROM accounts a ORDER BY a.created_at, a.name`,
  )) as unknown as { n: number }[];
  const accountSizes = sizes.map((r) => r.n).join(" + ");
  const [{ messages, cycles }] = (await handle.db.execute(
    sql`SELECT (SELECT count(*)::int FROM messages) AS messages, (SELECT count(*)::int FROM conversation_cycles) AS cycles`,
  )) as unknown as { messages: number; cycles: number }[];
  console.log(
    `data set: ${accountSizes} conversations, ${messages} message/status rows, ${cycles} cycles` +
      (reuse ? " (reused)" : `; seeded in ${(seedMs / 1000).toFixed(1)} s (${bulk ? "bulk insert + rebuild" : "facts built by the triggers"}), VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s`),
  );

  const variants: [string, Actor, ReportInput][] = [
    ["30 days, whole team (admin)", big.admin, { period: "30d" }],
    ["30 days, one agent's own figures", big.agent, { period: "30d" }],
    ["30 days, one channel", big.admin, { period: "30d", channel: "email" }],
    ["today, whole team", big.admin, { period: "today" }],
  ];
  if (process.env.BENCH_EXPLAIN) {
    // BENCH_EXPLAIN=team|agent|channel prints that 30-day facts query's plan; rollups the rollups' (team).
    const { reportQuery } = await import("../lib/analytics/report-query");
    // A period on 15-minute boundaries, as every report period is (local midnights).
    const to = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const which = process.env.BENCH_EXPLAIN;
    await handle.db.execute(sql`SET jit = off`);
    await handle.db.execute(sql`SET work_mem = '32MB'`);
    const { reportQueryFromRollups } = await import("../lib/analytics/report-query-from-rollups");
    const { localDay } = await import("../lib/analytics/period");
    const statement =
      which === "rollups"
        ? reportQueryFromRollups({
            accountId: big.accountId,
            firstDay: localDay(new Date(to.getTime() - 30 * 86_400_000), "UTC"),
            endDay: localDay(to, "UTC"),
            agentId: null,
            channel: null,
          })
        : null;
    const plan = (await handle.db.execute(
      statement ? sql`EXPLAIN (ANALYZE) ${statement}` : sql`EXPLAIN (ANALYZE) ${reportQuery({
        accountId: big.accountId,
        from: new Date(to.getTime() - 30 * 86_400_000),
        to,
        timeZone: "UTC",
        agentIds: which === "agent" ? [big.agent.userId] : null,
        channel: which === "channel" ? "email" : null,
        tagId: null,
      })}`,
    )) as unknown as Record<string, string>[];
    console.log(plan.map((r) => Object.values(r)[0]).join("\n"));
  }
  // The comparisons, on the 30-day whole-team period (UTC days, as the variants below):
  // the facts statement of decision 0040 and the old statement over the whole histories.
  const { reportQuery, runReportQuery, runReportStatement } = await import("../lib/analytics/report-query");
  const { resolvePeriod } = await import("../lib/analytics/period");
  const period = resolvePeriod({ preset: "30d", timeZone: "UTC", now: new Date() });
  const params = { accountId: big.accountId, from: period.from, to: period.to, timeZone: "UTC", agentIds: null, channel: null, tagId: null };
  const timeIt = async (label: string, count: number, run: () => Promise<unknown>) => {
    if (count <= 0) return;
    const times: number[] = [];
    for (let i = 0; i < count + 1; i++) {
      const t0 = performance.now();
      await run();
      if (i > 0) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const p99 = times[Math.min(times.length - 1, Math.ceil(0.99 * times.length) - 1)];
    console.log(
      `${label.padEnd(36)} p50 ${times[Math.floor(times.length / 2)].toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   max ${times.at(-1)!.toFixed(1)} ms   (${count} runs, the comparison)`,
    );
  };
  await timeIt("facts only (decision 0040), team", Number(process.env.BENCH_FACTS_RUNS ?? 5), () => runReportStatement(handle.db, reportQuery(params)));
  // The rollups' report itself, with and without the weekly tallies (perf18q): days only is what it read before.
  {
    const { runRollupReport } = await import("../lib/analytics/report-query");
    const { localDay } = await import("../lib/analytics/period");
    const rollupParams = { accountId: big.accountId, firstDay: localDay(period.from, "UTC"), endDay: localDay(period.to, "UTC"), agentId: null, channel: null };
    const rollupRuns = Number(process.env.BENCH_ROLLUP_RUNS ?? 20);
    for (let round = 0; round < 2; round++) {
      await timeIt("rollups, days only, team", rollupRuns, () => runRollupReport(handle.db, rollupParams, 0, { weeks: false }));
      await timeIt("rollups, whole weeks weekly, team", rollupRuns, () => runRollupReport(handle.db, rollupParams, 0));
    }
  }
  const { reportQueryFromHistory } = await import("../lib/analytics/report-query-from-history");
  await timeIt("without facts (whole histories), team", Number(process.env.BENCH_HISTORY_RUNS ?? 3), () =>
    runReportStatement(handle.db, reportQueryFromHistory(params)),
  );
  // The percentiles' error: the rollups' sketches against percentile_cont over the facts.
  {
    const exact = await runReportStatement(handle.db, reportQuery(params));
    const sketched = await runReportQuery(handle.db, params, { exactBelow: 0 });
    let worst = 0;
    let compared = 0;
    const spreads = (r: typeof exact) => [
      ["total", r.totals.firstResponse, r.totals.timeToComplete] as const,
      ...r.byAgent.map((a) => [a.agentId, a.firstResponse, a.timeToComplete] as const),
      ...r.byChannel.map((c) => [c.channel, c.firstResponse, c.timeToComplete] as const),
    ];
    const exactByKey = new Map(spreads(exact).map(([key, frt, ttc]) => [key, [frt, ttc]]));
    for (const [key, ...got] of spreads(sketched)) {
      got.forEach((spread, k) => {
        const want = exactByKey.get(key)?.[k];
        for (const q of ["median", "p90"] as const) {
          const a = spread[q];
          const b = want?.[q];
          if (a === null || b === null || b === undefined) continue;
          compared++;
          worst = Math.max(worst, b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
        }
      });
    }
    console.log(
      `percentiles from the rollups' log-bucket tallies vs exact percentile_cont: ${compared} medians/p90s, worst relative error ${(worst * 100).toFixed(3)} % (bound 0.990 %)`,
    );
  }
  for (const [label, actor, input] of variants) {
    const times: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      const result = await getAnalyticsReport({ db: handle.db, actor, input });
      const elapsed = performance.now() - t0;
      if (!result.ok) throw new Error(result.error);
      if (i === 0 && label.startsWith("30 days, whole")) {
        console.log(`  (30-day report: ${result.value.totals.received} received, ${result.value.totals.messagesSent} sent, ${result.value.totals.completed} completed)`);
      }
      if (i >= 2) times.push(elapsed); // the first two warm the caches
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
    console.log(`${label.padEnd(36)} p50 ${at(0.5).toFixed(1)} ms   p99 ${at(0.99).toFixed(1)} ms   (${runs} runs)`);
  }
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  await handle.close();
  if (process.env.BENCH_KEEP || reuse) console.log(`kept database ${name}`);
  else await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

/**
 * One account with `agentCount` agents and `count` conversations spread over 180 days. Each:
 * the contact writes; an agent takes it and replies 1 min – 4 h later; one more exchange;
 * 85 % are completed 0–3 days after the reply; a tenth of those are reopened a day later.
 */
async function buildAccount(db: Db, accountName: string, count: number, agentCount: number) {
  const [{ id: accountId }] = (await db.execute(
    sql`INSERT INTO accounts (name) VALUES (${accountName}) RETURNING id`,
  )) as unknown as { id: string }[];
  await db.execute(sql`
    INSERT INTO users (account_id, email, name, password_hash, access_level, is_primary_admin)
    SELECT ${accountId}, 'agent' || g || '-' || ${accountId} || '@bench.test', 'Agent ' || g, 'x', 'agent', g = 1
    FROM generate_series(1, ${agentCount}) g`);
  let rebuildMs = 0;
  await db.transaction(async (tx) => {
    // The bulk path: the rows go in with every trigger off (session_replication_role, which also
    // skips foreign-key checks: the generated rows are consistent), then one set-based rebuild of
    // the account's facts and rollups — the operator's backfill. BENCH_SEED=triggers keeps them on.
    if (bulk) await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    // The same data set on every run.
    await tx.execute(sql`SELECT setseed(0.42)`);
    await tx.execute(sql`
      CREATE TEMP TABLE plan ON COMMIT DROP AS
      WITH agents AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE account_id = ${accountId})
      SELECT g AS n,
             gen_random_uuid() AS id,
             gen_random_uuid() AS contact_id,
             date_trunc('second', now() - random() * interval '180 days') AS t0,
             (ARRAY['chat', 'email', 'messenger', 'sms'])[1 + floor(random() * 4)::int]::message_channel AS channel,
             agents.ids[1 + floor(random() * array_length(agents.ids, 1))::int] AS agent_id,
             make_interval(secs => 60 + floor(random() * 4 * 3600)) AS frt,
             make_interval(secs => floor(random() * 3 * 86400)) AS ttc,
             random() < 0.85 AS completed,
             random() < 0.1 AS reopened
      FROM generate_series(1, ${count}) g CROSS JOIN agents`);
    await tx.execute(sql`
      INSERT INTO contacts (id, account_id, name, email)
      SELECT contact_id, ${accountId}, 'Contact ' || n, 'c' || n || '-' || ${accountId} || '@bench.test' FROM plan`);
    await tx.execute(sql`
      INSERT INTO conversations (id, account_id, number, contact_id, status, assignee_id, channels, last_message_at,
                                 last_message_preview, last_inbound_at, last_inbound_channel, unread, completed_at, created_at)
      SELECT id, ${accountId}, n, contact_id,
             CASE WHEN completed AND NOT reopened THEN 'complete' ELSE 'open' END::conversation_status,
             CASE WHEN completed THEN NULL ELSE agent_id END,
             ARRAY[channel], t0 + frt + interval '20 minutes', 'Thanks!', t0 + interval '10 minutes', channel, false,
             CASE WHEN completed AND NOT reopened THEN t0 + frt + interval '20 minutes' + ttc END, t0
      FROM plan`);
    await tx.execute(sql`
      INSERT INTO messages (account_id, conversation_id, kind, direction, channel, sender_kind, sender_user_id, body,
                            status_action, status_from_user_id, status_to_user_id, created_at)
      SELECT ${accountId}, p.id, m.kind::message_kind, m.direction::message_direction, m.channel, m.sender_kind::sender_kind,
             m.sender, m.body, m.action::status_action, m.from_user, m.to_user, m.at
      FROM plan p
      CROSS JOIN LATERAL (VALUES
        ('message', 'in', p.channel, 'contact', NULL::uuid, 'Hello, I need help', NULL, NULL::uuid, NULL::uuid, p.t0, true),
        ('status', NULL, NULL, 'system', p.agent_id, 'took this conversation', 'assigned', NULL, p.agent_id, p.t0 + p.frt, true),
        ('message', 'out', p.channel, 'agent', p.agent_id, 'Happy to help', NULL, NULL, NULL, p.t0 + p.frt, true),
        ('message', 'in', p.channel, 'contact', NULL, 'Thanks!', NULL, NULL, NULL, p.t0 + p.frt + interval '10 minutes', true),
        ('message', 'out', p.channel, 'agent', p.agent_id, 'You are welcome', NULL, NULL, NULL, p.t0 + p.frt + interval '20 minutes', true),
        ('status', NULL, NULL, 'system', p.agent_id, 'marked complete', 'completed', p.agent_id, NULL,
          p.t0 + p.frt + interval '20 minutes' + p.ttc, p.completed),
        ('message', 'in', p.channel, 'contact', NULL, 'One more thing', NULL, NULL, NULL,
          p.t0 + p.frt + p.ttc + interval '1 day', p.completed AND p.reopened),
        ('status', NULL, NULL, 'system', NULL, 'reopened', 'reopened', NULL, NULL,
          p.t0 + p.frt + p.ttc + interval '1 day', p.completed AND p.reopened)
      ) AS m(kind, direction, channel, sender_kind, sender, body, action, from_user, to_user, at, wanted)
      WHERE m.wanted`);
    await tx.execute(sql`
      INSERT INTO conversation_counters (account_id, last_number) VALUES (${accountId}, ${count})`);
    if (bulk) {
      await tx.execute(sql`SET LOCAL session_replication_role = origin`);
      const r0 = performance.now();
      await tx.execute(sql`SELECT analytics_rebuild_account(${accountId})`);
      rebuildMs = performance.now() - r0;
    }
  });
  if (bulk) console.log(`  ${accountName}: ${count} conversations; analytics_rebuild_account ${(rebuildMs / 1000).toFixed(1)} s`);
  return actorsOf(db, accountName);
}

async function actorsOf(db: Db, accountName: string) {
  const [{ id: accountId }] = (await db.execute(sql`SELECT id FROM accounts WHERE name = ${accountName}`)) as unknown as { id: string }[];
  const [agent] = (await db.execute(
    sql`SELECT id FROM users WHERE account_id = ${accountId} AND NOT is_primary_admin ORDER BY email LIMIT 1`,
  )) as unknown as { id: string }[];
  const [owner] = (await db.execute(sql`SELECT id FROM users WHERE account_id = ${accountId} AND is_primary_admin`)) as unknown as { id: string }[];
  const actor = (userId: string, isAdmin: boolean): Actor => ({ userId, accountId, accessLevel: "agent", isAdmin, isPrimaryAdmin: isAdmin });
  return { accountId, admin: actor(owner.id, true), agent: actor(agent.id, false) };
}

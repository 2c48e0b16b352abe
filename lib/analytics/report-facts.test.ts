import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, useTestDatabase } from "@/db/test-database";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { messages } from "@/db/schema";
import { receiveInboundMessage } from "@/lib/inbox/receive-inbound-message";
import { reply } from "@/lib/inbox/reply";
import { tagConversation } from "@/lib/inbox/tags";
import { randomHistories, START, DAY } from "./random-histories.fixtures";
import { reportQuery, runReportStatement, type ReportQueryParams } from "./report-query";
import { reportQueryFromHistory } from "./report-query-from-history";

// The facts (conversation_cycles, agent_message_buckets) are kept by triggers on `messages`;
// these tests hold them to the report's definitions computed from the whole histories.
const t = useTestDatabase({ poolSize: 10 });

async function bothWays(params: ReportQueryParams) {
  const fromFacts = await runReportStatement(t.db, reportQuery(params));
  const fromHistory = await runReportStatement(t.db, reportQueryFromHistory(params));
  const sortRows = <T extends { agentId?: string; channel?: string }>(rows: T[]) =>
    [...rows].sort((a, b) => String(a.agentId ?? a.channel).localeCompare(String(b.agentId ?? b.channel)));
  const normal = (r: typeof fromFacts) => ({ ...r, byAgent: sortRows(r.byAgent), byChannel: sortRows(r.byChannel) });
  return { fromFacts: normal(fromFacts), fromHistory: normal(fromHistory) };
}

async function factsSnapshot() {
  const cycles = await rowsOf(t.db, sql`SELECT * FROM conversation_cycles ORDER BY conversation_id, cycle`);
  const buckets = await rowsOf(
    t.db,
    sql`SELECT account_id, bucket, sender_user_id, channel, messages FROM agent_message_buckets WHERE messages <> 0
        ORDER BY account_id, bucket, sender_user_id, channel`,
  );
  return JSON.parse(JSON.stringify({ cycles, buckets }));
}

describe("analytics facts", () => {
  it("give the same report as the whole histories, for every filter, period and time zone", async () => {
    const account = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Neighbour");
    const ids = await randomHistories(t.db, account, 7, 14);
    await randomHistories(t.db, other, 8, 5);
    const tagged = await tagConversation({ db: t.db, actor: account.owner, input: { conversationId: ids[0], name: "vip" } });
    if (!tagged.ok) throw new Error(tagged.error);
    await tagConversation({ db: t.db, actor: account.owner, input: { conversationId: ids[3], name: "vip" } });
    const [{ id: tagId }] = await rowsOf<{ id: string }>(t.db, sql`SELECT id FROM tags WHERE account_id = ${account.accountId}`);

    const base: ReportQueryParams = {
      accountId: account.accountId,
      from: new Date(START + 2 * DAY),
      to: new Date(START + 9 * DAY),
      timeZone: "UTC",
      agentIds: null,
      channel: null,
      tagId: null,
    };
    const variants: [string, ReportQueryParams][] = [
      ["whole team", base],
      ["everything", { ...base, from: new Date(START - DAY), to: new Date(START + 30 * DAY) }],
      ["one agent", { ...base, agentIds: [account.alice.userId] }],
      ["two agents", { ...base, agentIds: [account.bob.userId, account.carol.userId] }],
      ["one channel", { ...base, channel: "email" }],
      ["a tag (sent from the messages)", { ...base, tagId }],
      ["a period not on 15-minute boundaries", { ...base, from: new Date(START + 2 * DAY + 7 * 60_000), to: new Date(START + 5 * DAY + 1000) }],
      ["New York days", { ...base, timeZone: "America/New_York", from: new Date("2025-03-03T05:00:00Z"), to: new Date("2025-03-10T04:00:00Z") }],
      ["Kolkata days (+05:30)", { ...base, timeZone: "Asia/Kolkata", from: new Date("2025-03-02T18:30:00Z"), to: new Date("2025-03-09T18:30:00Z") }],
    ];
    for (const [label, params] of variants) {
      const { fromFacts, fromHistory } = await bothWays(params);
      expect(fromFacts, label).toEqual(fromHistory);
    }
    // The histories are not trivial: the check above compared real figures.
    const { fromFacts } = await bothWays(variants[1][1]);
    expect(fromFacts.totals.received).toBeGreaterThan(14);
    expect(fromFacts.totals.receivedReopened).toBeGreaterThan(0);
    expect(fromFacts.totals.firstResponse.count).toBeGreaterThan(5);
    expect(fromFacts.totals.completed).toBeGreaterThan(3);
  });

  it("are what a rebuild from the messages gives (nothing drifts)", async () => {
    const account = await createInboxAccount(t.db);
    await randomHistories(t.db, account, 11, 10);
    const kept = await factsSnapshot();
    expect(kept.cycles.length).toBeGreaterThan(10);
    await t.db.execute(sql`SELECT analytics_rebuild_all()`);
    expect(await factsSnapshot()).toEqual(kept);
  });

  it.runIf(process.env.DATABASE_URL)(
    "stay right when messages of one conversation commit in parallel transactions (PostgreSQL)",
    async () => {
      const account = await createInboxAccount(t.db);
      const agents = [account.owner, account.alice, account.bob, account.carol];
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const received = await receiveInboundMessage({
          db: t.db,
          input: { accountId: account.accountId, channel: "email", externalId: `par-${i}`, sender: { contact: { name: `p${i}`, email: `p${i}@example.com` } }, body: "Hi" },
        });
        if (!received.ok) throw new Error(received.error);
        ids.push(received.value.conversationId);
      }
      // Agents reply (the command locks the conversation first) while another writer adds the
      // contacts' messages without taking that lock (as an import would), all at once.
      await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          i % 2
            ? reply({ db: t.db, actor: agents[i % 4], input: { conversationId: ids[i % 3], channel: "email", body: `r${i}` } })
            : t.db.transaction((tx) =>
                tx.insert(messages).values({
                  accountId: account.accountId,
                  conversationId: ids[i % 3],
                  direction: "in",
                  channel: "sms",
                  senderKind: "contact",
                  body: `again ${i}`,
                }),
              ),
        ),
      );
      const kept = await factsSnapshot();
      const sent = await rowsOf<{ n: number }>(t.db, sql`SELECT sum(messages)::int AS n FROM agent_message_buckets`);
      expect(sent[0].n).toBe(12);
      await t.db.execute(sql`SELECT analytics_rebuild_all()`);
      expect(await factsSnapshot()).toEqual(kept);
    },
  );
});

/**
 * Adds four weeks of back-dated conversations to the demo account, so the Analytics page has a
 * history to chart: `npx tsx scripts/seed/analytics-history.ts` (after `npm run db:seed`).
 * Built through the inbox's own commands, then re-stamped; deterministic.
 */
import { inArray, sql } from "drizzle-orm";
import { openDatabase } from "@/db/database";
import { users } from "@/db/schema";
import { demoAccountId, demoPeople } from "@/lib/demo/demo-account";
import { loadActor } from "@/lib/accounts/actor";
import { historyOf } from "@/lib/analytics/history.fixtures";
import type { Channel } from "@/lib/message-channels/message-channels";

const handle = await openDatabase();
try {
  await handle.migrate();
  const db = handle.db;
  const accountId = await demoAccountId(db);
  if (!accountId) throw new Error("No demo account: run `npm run db:seed` first.");
  const agentRows = await db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.email, demoPeople.filter((p) => p.accessLevel === "agent").map((p) => p.email)));
  const agents = (await Promise.all(agentRows.map((r) => loadActor({ db, userId: r.id })))).filter((a) => a !== null);
  if (!agents.length) throw new Error("The demo account has no agents.");

  let seed = 20250301;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const channelsByWeight: Channel[] = ["chat", "chat", "chat", "email", "email", "messenger", "sms"];
  const h = historyOf(db, accountId);
  const iso = (t: number) => new Date(t).toISOString();
  const now = Date.now();
  let made = 0;
  for (let daysAgo = 28; daysAgo >= 1; daysAgo--) {
    const day = new Date(now - daysAgo * 86_400_000);
    day.setUTCHours(0, 0, 0, 0);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    const count = weekend ? 2 + Math.floor(random() * 3) : 5 + Math.floor(random() * 7);
    for (let i = 0; i < count; i++) {
      // Mostly office hours, some evenings.
      const hour = random() < 0.8 ? 8 + Math.floor(random() * 10) : 18 + Math.floor(random() * 5);
      const t0 = day.getTime() + hour * 3_600_000 + Math.floor(random() * 3_600_000);
      const channel = pick(channelsByWeight);
      const who = `history-${daysAgo}-${i}`;
      const agent = pick(agents);
      const conversationId = await h.inbound(iso(t0), who, channel, "Hi, I have a question about my order.");
      const firstReply = t0 + (2 + Math.floor(random() ** 2 * 240)) * 60_000;
      await h.reply(iso(firstReply), agent, conversationId, channel, "Happy to help — let me check.");
      if (random() < 0.5) {
        await h.inbound(iso(firstReply + 15 * 60_000), who, channel, "Thanks!");
        await h.reply(iso(firstReply + 25 * 60_000), agent, conversationId, channel, "You're welcome.");
      }
      if (random() < 0.85) {
        const done = firstReply + (1 + Math.floor(random() * 30)) * 3_600_000;
        if (done < now) await h.complete(iso(done), agent, conversationId);
      }
      made++;
    }
  }
  // The left pane orders by these: make them agree with the re-stamped messages.
  await db.execute(sql`
    UPDATE conversations c SET
      last_message_at = x.last_message_at, last_inbound_at = x.last_inbound_at, completed_at = x.completed_at
    FROM (
      SELECT m.conversation_id,
             max(m.created_at) FILTER (WHERE m.kind = 'message') AS last_message_at,
             max(m.created_at) FILTER (WHERE m.direction = 'in') AS last_inbound_at,
             max(m.created_at) FILTER (WHERE m.status_action = 'completed') AS completed_at
      FROM messages m
      JOIN conversations cv ON cv.id = m.conversation_id
      LEFT JOIN contacts ct ON ct.id = cv.contact_id
      WHERE m.account_id = ${accountId} AND coalesce(ct.name, cv.external_name) LIKE 'history-%'
      GROUP BY m.conversation_id
    ) x
    WHERE c.id = x.conversation_id AND c.account_id = ${accountId}`);
  console.log(`Added ${made} back-dated conversations to the demo account.`);
} finally {
  await handle.close();
}

import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { messageDeliveries } from "@/db/schema";
import { rowsOf, useTestDatabase } from "@/db/test-database";
import { runDeliverMessageJob } from "@/lib/channels/delivery/deliver-outbound";
import { sendOutbound } from "@/lib/channels/delivery/send-outbound";
import { createDeliveryAccount } from "@/lib/delivery/delivery.fixtures";
import { startConversation } from "@/lib/inbox/start-conversation";
import { jobHandlers } from "./job-handlers";
import { startJobRunner } from "./job-runner";

const t = useTestDatabase({ poolSize: 30 });

describe.skipIf(!process.env.DATABASE_URL)("two job runners on one PostgreSQL (real parallel workers)", () => {
  test("never send one job twice: 40 deliveries, two runners × 4 workers, each message sent exactly once", async () => {
    const a = await createDeliveryAccount(t.db);
    const messageIds: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = await startConversation({ db: t.db, actor: a.alice, input: { contactId: a.contact.id, channel: i % 2 ? "sms" : "email", body: `Message ${i}` } });
      if (!started.ok) throw new Error(started.error);
    }
    for (const r of await rowsOf<{ message_id: string }>(t.db, sql`SELECT message_id::text FROM message_deliveries`)) messageIds.push(Number(r.message_id));
    expect(messageIds).toHaveLength(40);

    // Count provider calls per message, with a little latency so workers overlap.
    const sends = new Map<number, number>();
    const counting = {
      ...jobHandlers,
      "deliver-message": ({ db, job }) =>
        runDeliverMessageJob({
          db,
          job: job.data,
          attempt: job,
          send: async (db, message, context) => {
            sends.set(message.id, (sends.get(message.id) ?? 0) + 1);
            await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
            return sendOutbound(db, message, context);
          },
        }),
    } satisfies typeof jobHandlers;

    const runners = await Promise.all(
      [0, 1].map(() => startJobRunner({ db: t.db, executeSql: t.handle.executeSql, workers: 4, pollingIntervalSeconds: 0.5, schedule: [], handlers: counting })),
    );
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [{ n }] = await rowsOf<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM ${messageDeliveries} WHERE status = 'sent'`);
        if (n === 40 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await Promise.all(runners.map((r) => r.stop({ timeoutMs: 5_000 })));
    }
    expect(messageIds.map((id) => sends.get(id))).toEqual(messageIds.map(() => 1));
    const [{ mails, texts }] = await rowsOf<{ mails: number; texts: number }>(
      t.db,
      sql`SELECT (SELECT count(*)::int FROM mail_outbox) AS mails, (SELECT count(*)::int FROM sms_outbox) AS texts`,
    );
    expect({ mails, texts }).toEqual({ mails: 20, texts: 20 });
  });
});

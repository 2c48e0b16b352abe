import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { isNull, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/database";
import { events } from "@/db/schema";
import { withDatabase } from "@/db/test-global-setup";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { accountChannel } from "./realtime-channel-names";
import { browserClient, serverClient, startTestServer, subscribed, waitFor } from "./realtime-clients.fixtures";

// Two app instances in two processes against one PostgreSQL database and one realtime server:
// inbound messages arrive at both, both run the outbox dispatcher, and every browser must still
// get every event of its account once, in seq order. PostgreSQL only (PGlite is one process).
const url = process.env.DATABASE_URL;
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function instance(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "multi-instance-app.fixtures.ts")], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...env },
    cwd: process.cwd(),
  });
  cleanups.push(() => child.exitCode === null && child.kill());
  return child;
}

function next<T = unknown>(child: ChildProcess, type: string, timeoutMs = 60_000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} from instance within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(message as T);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => code && reject(new Error(`instance exited with ${code}`)));
  });
}

describe.runIf(url)("two app instances (PostgreSQL)", () => {
  it("deliver every event to the browsers once, in per-account order, whichever instance received the message", async () => {
    const name = `conv_t_${process.ppid}_${process.pid}_${Date.now()}_multi`;
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${inject("templateDatabase")}"`);
    const dbUrl = withDatabase(url!, name);
    const handle: DatabaseHandle = await openDatabase({ url: dbUrl, poolSize: 2 });
    cleanups.push(async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    });

    const a = await createInboxAccount(handle.db, "Instance A");
    const b = await createInboxAccount(handle.db, "Instance B");
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const sdk = serverClient(server.port);
    const seen = new Map<string, number[]>();
    for (const accountId of [a.accountId, b.accountId]) {
      const client = browserClient(server.port, (socketId, channel) => sdk.authorizeChannel(socketId, channel));
      cleanups.push(() => client.disconnect());
      const channel = client.subscribe(accountChannel(accountId));
      const seqs: number[] = [];
      seen.set(accountId, seqs);
      channel.bind_global((event: string, data: { seq?: number }) => {
        if (!event.startsWith("pusher:") && typeof data?.seq === "number") seqs.push(data.seq);
      });
      await subscribed(channel);
    }

    const env = { DATABASE_URL: dbUrl, PUSHER_PORT: String(server.port), ACCOUNTS: `${a.accountId},${b.accountId}`, COUNT: "40" };
    const instances = [instance({ ...env, INSTANCE: "1" }), instance({ ...env, INSTANCE: "2" })];
    await Promise.all(instances.map((child) => next(child, "ready")));
    for (const child of instances) child.send({ type: "go" });
    await Promise.all(instances.map((child) => next(child, "done", 120_000)));

    // What each browser should get: its account channel's events, by seq (the account's other
    // events go to user channels, so the numbers may skip).
    const expected = new Map<string, number[]>();
    for (const accountId of [a.accountId, b.accountId]) {
      const rows = (await handle.db.execute(
        sql`SELECT seq FROM events WHERE account_id = ${accountId} AND channel = ${accountChannel(accountId)} ORDER BY seq`,
      )) as unknown as { seq: number }[];
      expected.set(accountId, rows.map((r) => Number(r.seq)));
    }
    await waitFor(
      () => [...expected].every(([accountId, seqs]) => seen.get(accountId)!.length >= seqs.length),
      30_000,
      "every event at the browsers",
    );
    await waitFor(async () => (await handle.db.select().from(events).where(isNull(events.publishedAt))).length === 0, 10_000, "marks");
    await new Promise((resolve) => setTimeout(resolve, 300)); // a late duplicate would show up here
    const [{ n: allEvents }] = (await handle.db.execute(sql`SELECT count(*)::int AS n FROM events`)) as unknown as { n: number }[];
    const published = await Promise.all(
      instances.map((child) => {
        const stopped = next<{ published: number }>(child, "stopped");
        child.send({ type: "stop" });
        return stopped;
      }),
    );

    const messages = (await handle.db.execute(sql`SELECT count(*)::int AS n FROM messages`)) as unknown as { n: number }[];
    expect(messages[0].n).toBe(80);
    for (const [accountId, seqs] of expected) {
      expect(seqs.length).toBeGreaterThanOrEqual(40);
      expect(seen.get(accountId)).toEqual(seqs);
    }
    // Every event went out once in all (no crash here, so at-least-once means exactly once).
    expect(published.reduce((sum, p) => sum + p.published, 0)).toBe(Number(allEvents));
  }, 180_000);
});

import { isNull } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { events } from "@/db/schema";
import { startDispatcher, type Publisher } from "./dispatcher";
import { recordEvents } from "./outbox";
import { accountChannel } from "./realtime-channel-names";
import { accountWithRoles, labelled } from "./realtime.fixtures";
import { browserClient, serverClient, startTestServer, subscribed, waitFor } from "./realtime-clients.fixtures";

const t = useTestDatabase({ poolSize: 10 });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function listener(port: number, channel: string) {
  const sdk = serverClient(port);
  const client = browserClient(port, (socketId, name) => sdk.authorizeChannel(socketId, name));
  cleanups.push(() => client.disconnect());
  const seen: { seq: number; type: string; payload: unknown }[] = [];
  const ch = client.subscribe(channel);
  ch.bind_global((name: string, data: { seq: number; type: string; payload: unknown }) => {
    if (!name.startsWith("pusher:")) seen.push(data);
  });
  await subscribed(ch);
  return seen;
}

const commit = (accountId: string, ...labels: string[]) =>
  t.db.transaction((tx) => recordEvents({ tx, events: labels.map((label) => labelled(accountId, label)) }));

describe("outbox dispatcher", () => {
  test("publishes each committed event, woken by NOTIFY, and none of a rolled-back transaction", async () => {
    const { accountId } = await accountWithRoles(t.db);
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const seen = await listener(server.port, accountChannel(accountId));
    // A long poll: delivery within the wait below proves the NOTIFY wake-up works.
    const dispatcher = startDispatcher({ db: t.db, pusher: serverClient(server.port), pollMs: 60_000 });
    cleanups.push(() => dispatcher.stop());

    await commit(accountId, "first", "second");
    await expect(
      t.db.transaction(async (tx) => {
        await recordEvents({ tx, events: [labelled(accountId, "rolled-back")] });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await commit(accountId, "third");

    await waitFor(() => seen.length >= 3, 5000, "three events");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([
      { seq: 1, type: "contact.changed", payload: { contactId: "first" } },
      { seq: 2, type: "contact.changed", payload: { contactId: "second" } },
      { seq: 3, type: "contact.changed", payload: { contactId: "third" } },
    ]);
    expect(await t.db.select().from(events).where(isNull(events.publishedAt))).toEqual([]);
  });

  test("a crash after publishing but before marking republishes the events (at least once)", async () => {
    const { accountId } = await accountWithRoles(t.db);
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const seen = await listener(server.port, accountChannel(accountId));
    const sdk = serverClient(server.port);
    let crashes = 1;
    const crashing: Publisher = {
      triggerBatch: async (batch) => {
        const response = await sdk.triggerBatch(batch);
        if (crashes-- > 0) throw new Error("crashed before commit");
        return response;
      },
    };
    const errors: unknown[] = [];
    const dispatcher = startDispatcher({ db: t.db, pusher: crashing, pollMs: 50, onError: (e) => errors.push(e) });
    cleanups.push(() => dispatcher.stop());
    await commit(accountId, "only");
    await waitFor(() => seen.length >= 2, 5000, "the republished event");
    expect(seen.map((e) => e.seq)).toEqual([1, 1]);
    expect(errors).toHaveLength(1);
    await waitFor(async () => (await t.db.select().from(events).where(isNull(events.publishedAt))).length === 0);
  });

  test("events committed while the realtime server is down go out when it is back", async () => {
    const { accountId } = await accountWithRoles(t.db);
    const first = await startTestServer();
    const port = first.port;
    await first.close();
    const dispatcher = startDispatcher({ db: t.db, pusher: serverClient(port), pollMs: 50, onError: () => {} });
    cleanups.push(() => dispatcher.stop());
    await commit(accountId, "while-down-1", "while-down-2");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await t.db.select().from(events).where(isNull(events.publishedAt))).toHaveLength(2);

    const back = await startTestServer({ port });
    cleanups.push(() => back.close());
    await waitFor(async () => (await t.db.select().from(events).where(isNull(events.publishedAt))).length === 0, 5000);
  });

  test.each([
    ["an advisory lock per account (several processes)", false],
    ["an in-process lock per account (PGlite: one process)", true],
  ])("several dispatchers at once publish every event exactly once, in seq order per account — %s", async (_, singleProcess) => {
    const [a, b] = [await accountWithRoles(t.db, "A"), await accountWithRoles(t.db, "B")];
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const [seenA, seenB] = await Promise.all([
      listener(server.port, accountChannel(a.accountId)),
      listener(server.port, accountChannel(b.accountId)),
    ]);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => commit(i % 2 ? a.accountId : b.accountId, `e${i}`, `f${i}`)),
    );
    // Slow, jittery publishers over a backlog: without per-account exclusion a later batch would overtake.
    const sdk = serverClient(server.port);
    const slow: Publisher = {
      triggerBatch: async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
        return sdk.triggerBatch(batch);
      },
    };
    for (let i = 0; i < 3; i++) {
      const d = startDispatcher({ db: t.db, pusher: slow, pollMs: 20, batchSize: 3, singleProcess });
      cleanups.push(() => d.stop());
    }
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => commit(i % 2 ? a.accountId : b.accountId, `g${i}`)),
    );
    await waitFor(() => seenA.length >= 50 && seenB.length >= 50, 20_000, "100 events");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const range = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(seenA.map((e) => e.seq)).toEqual(range);
    expect(seenB.map((e) => e.seq)).toEqual(range);
    // Clients see an event before its dispatcher commits the mark, so wait for the marks.
    await waitFor(async () => (await t.db.select().from(events).where(isNull(events.publishedAt))).length === 0, 5000, "marks");
  });
});

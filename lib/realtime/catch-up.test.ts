import { afterEach, describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError, type Actor } from "@/lib/access/permissions";
import { attachEventSync } from "./attach-event-sync";
import { authorizeChannel } from "./authorize-channel";
import { eventsAfter, currentEventSeq } from "./catch-up";
import { startDispatcher } from "./dispatcher";
import { EventSync } from "./event-sync";
import type { SequencedEvent } from "./events";
import { recordEvents } from "./outbox";
import { accountChannel, userChannel } from "./realtime-channel-names";
import { accountWithRoles, labelled, labelOf } from "./realtime.fixtures";
import { browserClient, serverClient, startTestServer, waitFor } from "./realtime-clients.fixtures";

const t = useTestDatabase({ poolSize: 10 });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emit(accountId: string, realtimeChannel: string, label: string) {
  await t.db.transaction((tx) => recordEvents({ tx, events: [labelled(accountId, label, realtimeChannel)] }));
}

async function page(actor: Actor, afterSeq: unknown, limit?: number) {
  const result = await eventsAfter({ db: t.db, actor, afterSeq, limit });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe("eventsAfter", () => {
  test("returns, in seq order, only the events on channels the actor may see", async () => {
    const acme = await accountWithRoles(t.db);
    const other = await accountWithRoles(t.db, "Other");
    await emit(acme.accountId, accountChannel(acme.accountId), "inbox-1");
    await emit(acme.accountId, userChannel(acme.agent.userId), "agent-note");
    await emit(acme.accountId, userChannel(acme.viewer.userId), "viewer-note");
    await emit(other.accountId, accountChannel(other.accountId), "other-account");
    await emit(acme.accountId, accountChannel(acme.accountId), "inbox-2");

    const forAgent = await page(acme.agent, 0);
    expect(forAgent.events.map((e) => [e.seq, labelOf(e)])).toEqual([
      [1, "inbox-1"],
      [2, "agent-note"],
      [4, "inbox-2"],
    ]);
    expect(forAgent).toMatchObject({ head: 4, hasMore: false });
    expect((await page(acme.viewer, 0)).events.map(labelOf)).toEqual(["inbox-1", "viewer-note", "inbox-2"]);
    expect((await page(acme.agent, 2)).events.map((e) => e.seq)).toEqual([4]);
    expect((await page(other.primaryAdmin, 0)).events.map(labelOf)).toEqual(["other-account"]);
  });

  test("pages with a limit", async () => {
    const acme = await accountWithRoles(t.db);
    for (let i = 0; i < 5; i++) await emit(acme.accountId, accountChannel(acme.accountId), `e${i}`);
    const first = await page(acme.agent, 0, 2);
    expect(first.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(first.hasMore).toBe(true);
    expect((await page(acme.agent, "2", "10" as unknown as number)).events.map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  test("refuses No access (non-admins) and anonymous callers, and bad input", async () => {
    const acme = await accountWithRoles(t.db);
    await expect(eventsAfter({ db: t.db, actor: acme.noAccess, afterSeq: 0 })).rejects.toThrow(ForbiddenError);
    await expect(eventsAfter({ db: t.db, actor: null, afterSeq: 0 })).rejects.toThrow(ForbiddenError);
    await expect(currentEventSeq({ db: t.db, actor: acme.noAccess })).rejects.toThrow(ForbiddenError);
    for (const bad of [-1, "abc", 1.5]) {
      expect(await eventsAfter({ db: t.db, actor: acme.agent, afterSeq: bad })).toMatchObject({
        ok: false,
        fieldErrors: { afterSeq: expect.any(String) },
      });
    }
  });
});

describe("catch-up after a disconnect", () => {
  async function tab(port: number, actor: Actor, initialSeq: number) {
    const sdk = serverClient(port);
    const client = browserClient(port, (socketId, channelName) => {
      const result = authorizeChannel({ actor, socketId, channelName, pusher: sdk });
      return result.ok ? result.auth : null;
    });
    const applied: SequencedEvent[] = [];
    const sync = new EventSync({
      initialSeq,
      fetchAfter: (after) => page(actor, after ?? 0),
      apply: (event) => applied.push(event),
      retryDelayMs: () => 50,
    });
    const detach = attachEventSync({ client, realtimeChannels: [accountChannel(actor.accountId), userChannel(actor.userId)], sync });
    cleanups.push(() => {
      detach();
      client.disconnect();
    });
    return { client, applied, sync };
  }

  test("a tab that was offline while events were published gets all of them, in order, exactly once", async () => {
    const acme = await accountWithRoles(t.db);
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const dispatcher = startDispatcher({ db: t.db, pusher: serverClient(server.port), pollMs: 50 });
    cleanups.push(() => dispatcher.stop());
    const { client, applied, sync } = await tab(server.port, acme.agent, await currentEventSeq({ db: t.db, actor: acme.agent }));

    await waitFor(() => client.connection.state === "connected" && sync.appliedThrough === 0);
    await emit(acme.accountId, accountChannel(acme.accountId), "live-1");
    await waitFor(() => applied.length === 1, 5000, "live event");

    client.disconnect();
    await emit(acme.accountId, accountChannel(acme.accountId), "missed-1");
    await emit(acme.accountId, userChannel(acme.agent.userId), "missed-2");
    await emit(acme.accountId, userChannel(acme.viewer.userId), "not-mine");
    await emit(acme.accountId, accountChannel(acme.accountId), "missed-3");
    await waitFor(async () => (await page(acme.agent, 0)).events.length === 4);

    client.connect();
    await waitFor(() => applied.length >= 4, 5000, "catch-up");
    await emit(acme.accountId, accountChannel(acme.accountId), "live-2");
    await waitFor(() => applied.length >= 5, 5000, "live after catch-up");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(applied.map((e) => [e.seq, labelOf(e)])).toEqual([
      [1, "live-1"],
      [2, "missed-1"],
      [3, "missed-2"],
      [5, "missed-3"],
      [6, "live-2"],
    ]);
  });

  test("after the realtime server restarts, tabs reconnect and catch up without gaps or duplicates", async () => {
    const acme = await accountWithRoles(t.db);
    let server = await startTestServer();
    const port = server.port;
    cleanups.push(() => server.close());
    const dispatcher = startDispatcher({ db: t.db, pusher: serverClient(port), pollMs: 50, onError: () => {} });
    cleanups.push(() => dispatcher.stop());
    const agent = await tab(port, acme.agent, 0);
    const viewer = await tab(port, acme.viewer, 0);
    await waitFor(() => agent.sync.appliedThrough === 0 && viewer.client.connection.state === "connected");
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Events before, during and after the outage, committed concurrently.
    await Promise.all(Array.from({ length: 5 }, (_, i) => emit(acme.accountId, accountChannel(acme.accountId), `before-${i}`)));
    await server.close();
    await Promise.all(Array.from({ length: 5 }, (_, i) => emit(acme.accountId, accountChannel(acme.accountId), `during-${i}`)));
    await emit(acme.accountId, userChannel(acme.agent.userId), "agent-only");
    server = await startTestServer({ port });
    await Promise.all(Array.from({ length: 5 }, (_, i) => emit(acme.accountId, accountChannel(acme.accountId), `after-${i}`)));

    // In Node, pusher-js waits out its 15 s transport timeout after a refused attempt (a browser
    // gets an immediate close); redial as the provider does on "online" instead of waiting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const { client } of [agent, viewer]) {
      if (client.connection.state !== "connected") {
        client.disconnect();
        client.connect();
      }
    }
    await waitFor(() => agent.applied.length >= 16 && viewer.applied.length >= 15, 20_000, "all events after restart");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seqs = (list: SequencedEvent[]) => list.map((e) => e.seq);
    expect(seqs(agent.applied)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(seqs(viewer.applied)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1).filter((s) => s !== 11));
    expect(labelOf(agent.applied[10])).toBe("agent-only");
  });
});

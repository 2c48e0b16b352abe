import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { browserClient, serverClient, startTestServer, subscribed, waitFor } from "./realtime-clients.fixtures";
import { readRealtimeWebhook, type PresenceWebhookEvent } from "./webhook";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("readRealtimeWebhook", () => {
  test("accepts the local server's signed webhooks and refuses tampered or foreign ones", async () => {
    const seen: { headers: Headers; rawBody: string }[] = [];
    const receiver = createServer((req, res) => {
      let rawBody = "";
      req.on("data", (c) => (rawBody += c));
      req.on("end", () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        seen.push({ headers, rawBody });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => receiver.close(resolve)));
    const server = await startTestServer({ webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/` });
    cleanups.push(() => server.close());
    const sdk = serverClient(server.port);
    const visitor = browserClient(server.port, (socketId, channel) => sdk.authorizeChannel(socketId, channel));
    cleanups.push(() => visitor.disconnect());
    await subscribed(visitor.subscribe("private-visitor-c1"));
    visitor.disconnect();
    await waitFor(() => seen.length > 0 && seen.flatMap((s) => s.rawBody.match(/channel_vacated/g) ?? []).length > 0);

    const events: PresenceWebhookEvent[] = [];
    for (const hook of seen) {
      const result = readRealtimeWebhook({ pusher: sdk, ...hook });
      if (!result.ok) throw new Error(result.error);
      events.push(...result.events);
      expect(readRealtimeWebhook({ pusher: sdk, headers: hook.headers, rawBody: hook.rawBody.replace("c1", "c2") }).ok).toBe(false);
      expect(readRealtimeWebhook({ pusher: serverClient(server.port, { secret: "other" }), ...hook }).ok).toBe(false);
    }
    expect(events).toEqual([
      { name: "channel_occupied", channel: "private-visitor-c1" },
      { name: "channel_vacated", channel: "private-visitor-c1" },
    ]);
  });
});

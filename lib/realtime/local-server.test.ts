import { createHash, createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type PusherClient from "pusher-js";
import { afterEach, describe, expect, test } from "vitest";
import { WebSocket } from "ws";
import type { LocalRealtimeServer } from "./local-server/server";
import { browserClient, connected, nextEvent, serverClient, startTestServer, subscribed, testApp, waitFor } from "./realtime-clients.fixtures";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(options: Parameters<typeof startTestServer>[0] = {}) {
  const s = await startTestServer(options);
  cleanups.push(() => s.close());
  return s;
}

function client(s: LocalRealtimeServer, userId?: string) {
  const pusher = serverClient(s.port);
  const c = browserClient(s.port, (socketId, channel) =>
    channel.startsWith("presence-")
      ? pusher.authorizeChannel(socketId, channel, { user_id: userId ?? "anon", user_info: { name: `User ${userId}` } })
      : pusher.authorizeChannel(socketId, channel),
  );
  cleanups.push(() => c.disconnect());
  return c;
}

function rawSocket(url: string) {
  const ws = new WebSocket(url);
  const messages: { event: string; data: unknown; channel?: string }[] = [];
  ws.on("message", (raw) => messages.push(JSON.parse(raw.toString())));
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  cleanups.push(() => ws.terminate());
  return { ws, messages, closed };
}

const post = (port: number, pathAndQuery: string, body: string) =>
  fetch(`http://127.0.0.1:${port}${pathAndQuery}`, { method: "POST", headers: { "content-type": "application/json" }, body });

describe("local realtime server: WebSocket protocol 7", () => {
  test("a connection gets a socket id and the activity timeout", async () => {
    const s = await server({ activityTimeoutSeconds: 42 });
    const { messages } = rawSocket(`ws://127.0.0.1:${s.port}/app/${testApp.key}?protocol=7&client=js&version=8.6.0`);
    await waitFor(() => messages.length > 0);
    expect(messages[0].event).toBe("pusher:connection_established");
    const data = JSON.parse(messages[0].data as string);
    expect(data.socket_id).toMatch(/^\d+\.\d+$/);
    expect(data.activity_timeout).toBe(42);
  });

  test("an unknown app key is refused with 4001, a missing protocol with 4008", async () => {
    const s = await server();
    const bad = rawSocket(`ws://127.0.0.1:${s.port}/app/nope?protocol=7`);
    expect(await bad.closed).toBe(4001);
    expect(bad.messages[0]).toMatchObject({ event: "pusher:error", data: { code: 4001 } });
    const noProtocol = rawSocket(`ws://127.0.0.1:${s.port}/app/${testApp.key}`);
    expect(await noProtocol.closed).toBe(4008);
  });

  test("pusher-js connects, subscribes to a public channel and receives an event triggered by the pusher SDK", async () => {
    const s = await server();
    const c = client(s);
    const channel = c.subscribe("news");
    await subscribed(channel);
    const received = nextEvent(channel, "headline");
    await serverClient(s.port).trigger("news", "headline", { text: "hello" });
    expect(await received).toEqual({ text: "hello" });
  });

  test("a private channel needs a valid signature; a bad one gets pusher:subscription_error", async () => {
    const s = await server();
    const good = client(s);
    const channel = good.subscribe("private-account-1");
    await subscribed(channel);

    const impostor = serverClient(s.port, { secret: "wrong-secret" });
    const bad = browserClient(s.port, (socketId, name) => impostor.authorizeChannel(socketId, name));
    cleanups.push(() => bad.disconnect());
    const refused = bad.subscribe("private-account-1");
    await expect(subscribed(refused)).rejects.toMatchObject({ type: "AuthError", status: 401 });

    // A signature for another socket is no good either.
    const otherSocket = await connected(good);
    const stolen = browserClient(s.port, (_socketId, name) => serverClient(s.port).authorizeChannel(otherSocket, name));
    cleanups.push(() => stolen.disconnect());
    await expect(subscribed(stolen.subscribe("private-account-1"))).rejects.toMatchObject({ status: 401 });

    const received = nextEvent(channel, "changed");
    await serverClient(s.port).trigger("private-account-1", "changed", { seq: 1 });
    expect(await received).toEqual({ seq: 1 });
  });

  test("presence: members list on join, member_added and member_removed seen by others, REST users and counts", async () => {
    const s = await server();
    const alice = client(s, "alice");
    const aliceChannel = alice.subscribe("presence-account-1");
    await subscribed(aliceChannel);

    const added = nextEvent<{ id: string; info: { name: string } }>(aliceChannel, "pusher:member_added");
    const bob = client(s, "bob");
    const bobChannel = bob.subscribe("presence-account-1");
    const members = (await subscribed(bobChannel)) as { count: number; members: Record<string, unknown> };
    expect(members.count).toBe(2);
    expect(Object.keys(members.members).sort()).toEqual(["alice", "bob"]);
    expect(await added).toEqual({ id: "bob", info: { name: "User bob" } });

    const rest = serverClient(s.port);
    const users = await (await rest.get({ path: "/channels/presence-account-1/users" })).json();
    expect(users.users.map((u: { id: string }) => u.id).sort()).toEqual(["alice", "bob"]);
    const info = await (
      await rest.get({ path: "/channels/presence-account-1", params: { info: "user_count,subscription_count" } })
    ).json();
    expect(info).toEqual({ occupied: true, user_count: 2, subscription_count: 2 });
    const list = await (await rest.get({ path: "/channels", params: { filter_by_prefix: "presence-", info: "user_count" } })).json();
    expect(list).toEqual({ channels: { "presence-account-1": { user_count: 2 } } });

    const removed = nextEvent<{ id: string }>(aliceChannel, "pusher:member_removed");
    bob.disconnect();
    expect((await removed).id).toBe("bob");
    await waitFor(async () => (await (await rest.get({ path: "/channels/presence-account-1/users" })).json()).users.length === 1);
  });

  test("client events: only client-typing on a conversation's presence channel, stamped with the server-given user id", async () => {
    const s = await server();
    const alice = client(s, "alice");
    const bob = client(s, "bob");
    const room = "presence-conversation-6f1c9c1e-0000-4000-8000-000000000001";
    const [aliceRoom, bobRoom] = [alice.subscribe(room), bob.subscribe(room)];
    const [alicePrivate, bobPrivate] = [alice.subscribe("private-account-1"), bob.subscribe("private-account-1")];
    const [aliceOther, bobOther] = [alice.subscribe("presence-account-1"), bob.subscribe("presence-account-1")];
    await Promise.all([aliceRoom, bobRoom, alicePrivate, bobPrivate, aliceOther, bobOther].map(subscribed));
    const leaked: string[] = [];
    bobPrivate.bind("client-typing", () => leaked.push("private"));
    bobOther.bind("client-typing", () => leaked.push("presence-account"));
    bobRoom.bind("client-message", () => leaked.push("client-message"));
    const errors: string[] = [];
    alice.connection.bind("error", (e: { data?: { message?: string } }) => errors.push(e.data?.message ?? ""));
    alicePrivate.trigger("client-typing", {});
    aliceOther.trigger("client-typing", {});
    aliceRoom.trigger("client-message", { text: "hi" });
    await waitFor(() => errors.length === 3, 5000, "three refusals");
    expect(errors.every((m) => m.includes("is not enabled"))).toBe(true);

    const typed = new Promise<{ data: unknown; userId: string }>((resolve) =>
      bobRoom.bind("client-typing", (data: unknown, meta: { user_id: string }) => resolve({ data, userId: meta.user_id })),
    );
    // The sender's claim of who they are is ignored: the user id comes from their authorised membership.
    aliceRoom.trigger("client-typing", { user_id: "mallory" });
    expect(await typed).toMatchObject({ userId: "alice" });
    expect(leaked).toEqual([]);
  });

  test("pusher:ping is answered; a client that never answers the server's ping is closed with 4201", async () => {
    const s = await server({ activityTimeoutSeconds: 1, pongTimeoutMs: 300 });
    const silent = rawSocket(`ws://127.0.0.1:${s.port}/app/${testApp.key}?protocol=7`);
    await waitFor(() => silent.messages.length > 0);
    silent.ws.send(JSON.stringify({ event: "pusher:ping", data: {} }));
    await waitFor(() => silent.messages.some((m) => m.event === "pusher:pong"));
    expect(await silent.closed).toBe(4201);
    expect(silent.messages.some((m) => m.event === "pusher:ping")).toBe(true);

    // pusher-js answers the server's pings and stays connected.
    const live = client(s);
    await connected(live);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(live.connection.state).toBe("connected");
  });

  test("an event triggered with socket_id is not echoed to that socket", async () => {
    const s = await server();
    const a = client(s);
    const b = client(s);
    const [channelA, channelB] = [a.subscribe("room"), b.subscribe("room")];
    await Promise.all([subscribed(channelA), subscribed(channelB)]);
    const seenByA: unknown[] = [];
    channelA.bind("note", (d: unknown) => seenByA.push(d));
    const toB = nextEvent(channelB, "note");
    await serverClient(s.port).trigger("room", "note", { n: 1 }, { socket_id: a.connection.socket_id });
    expect(await toB).toEqual({ n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seenByA).toEqual([]);
  });
});

describe("local realtime server: HTTP API", () => {
  test("batch events are delivered in order", async () => {
    const s = await server();
    const c = client(s);
    const channel = c.subscribe("private-account-9");
    await subscribed(channel);
    const seen: number[] = [];
    channel.bind("e", (d: { seq: number }) => seen.push(d.seq));
    await serverClient(s.port).triggerBatch(
      Array.from({ length: 10 }, (_, i) => ({ channel: "private-account-9", name: "e", data: { seq: i + 1 } })),
    );
    await waitFor(() => seen.length === 10);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test("a request signed with the wrong secret or an unknown key is refused with 401", async () => {
    const s = await server();
    await expect(serverClient(s.port, { secret: "nope" }).trigger("news", "x", {})).rejects.toMatchObject({ status: 401 });
    await expect(serverClient(s.port, { key: "other-key" }).trigger("news", "x", {})).rejects.toMatchObject({ status: 401 });
    await expect(serverClient(s.port, { appId: "other-app" }).trigger("news", "x", {})).rejects.toMatchObject({ status: 404 });
  });

  test("an expired timestamp or a body that does not match body_md5 is refused", async () => {
    const s = await server();
    const path = `/apps/${testApp.appId}/events`;
    const body = JSON.stringify({ name: "x", channels: ["news"], data: "{}" });
    const signed = (params: Record<string, string | number>) => {
      const query = Object.keys(params)
        .sort()
        .map((k) => `${k}=${params[k]}`)
        .join("&");
      const signature = createHmac("sha256", testApp.secret).update(`POST\n${path}\n${query}`).digest("hex");
      return `${path}?${query}&auth_signature=${signature}`;
    };
    const md5 = createHash("md5").update(body).digest("hex");
    const now = Math.floor(Date.now() / 1000);
    const base = { auth_key: testApp.key, auth_version: "1.0", body_md5: md5 };
    expect((await post(s.port, signed({ ...base, auth_timestamp: now }), body)).status).toBe(200);
    expect((await post(s.port, signed({ ...base, auth_timestamp: now - 700 }), body)).status).toBe(401);
    expect((await post(s.port, signed({ ...base, auth_timestamp: now + 700 }), body)).status).toBe(401);
    expect((await post(s.port, signed({ ...base, auth_timestamp: now }), body.replace("news", "neWs"))).status).toBe(401);
  });

  test("documented limits: data over 10 KB → 413, more than 10 batch events, 100 channels or a bad channel name → 400", async () => {
    const s = await server();
    const rest = serverClient(s.port);
    await expect(rest.trigger("news", "big", "x".repeat(10_241))).rejects.toMatchObject({ status: 413 });
    await expect(rest.trigger("news", "fits", "x".repeat(10_240))).resolves.toMatchObject({ status: 200 });
    await expect(
      rest.triggerBatch(Array.from({ length: 11 }, () => ({ channel: "news", name: "e", data: {} }))),
    ).rejects.toMatchObject({ status: 400 });

    // The SDK refuses these before sending; sign raw requests to check the server does too.
    const raw = async (payload: unknown) => {
      const body = JSON.stringify(payload);
      const query = rest.createSignedQueryString({ method: "POST", path: `/apps/${testApp.appId}/events`, body });
      return (await post(s.port, `/apps/${testApp.appId}/events?${query}`, body)).status;
    };
    expect(await raw({ name: "e", data: "{}", channels: ["bad channel!"] })).toBe(400);
    expect(await raw({ name: "e", data: "{}", channels: ["c".repeat(165)] })).toBe(400);
    expect(await raw({ name: "e", data: "{}", channels: Array.from({ length: 101 }, (_, i) => `c${i}`) })).toBe(400);
    expect(await raw({ name: "e", data: "{}", channels: Array.from({ length: 100 }, (_, i) => `c${i}`) })).toBe(200);
    expect(await raw({ name: "e", data: { not: "a string" }, channels: ["news"] })).toBe(400);
  });
});

describe("local realtime server: webhooks", () => {
  async function webhookReceiver() {
    const received: { headers: Record<string, string>; rawBody: string }[] = [];
    const http: Server = createServer((req, res) => {
      let rawBody = "";
      req.on("data", (chunk) => (rawBody += chunk));
      req.on("end", () => {
        received.push({ headers: req.headers as Record<string, string>, rawBody });
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => http.close(resolve)));
    return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/hooks`, received };
  }

  test("occupied, member_added, member_removed, vacated are posted signed and pass the pusher SDK's check", async () => {
    const hooks = await webhookReceiver();
    const s = await server({ webhookUrl: hooks.url });
    const sdk = serverClient(s.port);
    const events = () =>
      hooks.received.flatMap((r) => sdk.webhook(r).getEvents() as { name: string; channel: string; user_id?: string }[]);

    const visitor: PusherClient = client(s, "visitor-7");
    await subscribed(visitor.subscribe("presence-visitor-7"));
    await waitFor(() => events().length >= 2, 5000, "join webhooks");
    visitor.disconnect();
    await waitFor(() => events().length >= 4, 5000, "leave webhooks");

    expect(events()).toEqual([
      { name: "channel_occupied", channel: "presence-visitor-7" },
      { name: "member_added", channel: "presence-visitor-7", user_id: "visitor-7" },
      { name: "member_removed", channel: "presence-visitor-7", user_id: "visitor-7" },
      { name: "channel_vacated", channel: "presence-visitor-7" },
    ]);
    for (const hook of hooks.received) {
      expect(hook.headers["x-pusher-key"]).toBe(testApp.key);
      expect(sdk.webhook(hook).isValid()).toBe(true);
      expect(serverClient(s.port, { secret: "other" }).webhook(hook).isValid()).toBe(false);
      expect(sdk.webhook({ ...hook, rawBody: hook.rawBody.replace("visitor-7", "visitor-8") }).isValid()).toBe(false);
    }
  });
});

import type PusherClient from "pusher-js";
import { afterEach, describe, expect, test } from "vitest";
import { attachEventSync } from "./attach-event-sync";
import { isClientEventAllowed } from "./client-events";
import { EventSync } from "./event-sync";
import type { SequencedEvent } from "./events";
import type { LocalRealtimeServer } from "./local-server/server";
import { browserClient, connected, nextEvent, serverClient, startTestServer, subscribed, waitFor } from "./realtime-clients.fixtures";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server() {
  const s = await startTestServer();
  cleanups.push(() => s.close());
  return s;
}

function member(s: LocalRealtimeServer, userId: string) {
  const sdk = serverClient(s.port);
  const c = browserClient(s.port, (socketId, channel) =>
    channel.startsWith("presence-") ? sdk.authorizeChannel(socketId, channel, { user_id: userId, user_info: { name: userId } }) : sdk.authorizeChannel(socketId, channel),
  );
  cleanups.push(() => c.disconnect());
  return c;
}

/** Errors the server sends this client (pusher:error frames). */
function errorsOf(client: PusherClient) {
  const errors: string[] = [];
  client.connection.bind("error", (e: { error?: { data?: { message?: string } } }) => errors.push(e?.error?.data?.message ?? JSON.stringify(e)));
  return errors;
}

describe("client events (issue 12, item 3)", () => {
  test("the rule: only client-typing on a conversation's presence channel", () => {
    expect(isClientEventAllowed("presence-conversation-3f1c", "client-typing")).toBe(true);
    expect(isClientEventAllowed("presence-conversation-", "client-typing")).toBe(false);
    expect(isClientEventAllowed("presence-conversation-3f1c", "client-conversation.changed")).toBe(false);
    expect(isClientEventAllowed("private-account-1", "client-typing")).toBe(false);
    expect(isClientEventAllowed("presence-account-1", "client-typing")).toBe(false);
    expect(isClientEventAllowed("presence-visitor-1", "client-typing")).toBe(false);
    expect(isClientEventAllowed("private-user-1", "client-anything")).toBe(false);
  });

  test("the local server refuses a member's look-alike of a server event on the account channel; it relays typing on a conversation's presence channel", async () => {
    const s = await server();
    const viewer = member(s, "viewer");
    const agent = member(s, "agent");
    const errors = errorsOf(viewer);
    const received: string[] = [];
    const viewerAccount = viewer.subscribe("private-account-1");
    const agentAccount = agent.subscribe("private-account-1");
    const viewerTyping = viewer.subscribe("presence-conversation-c1");
    const agentTyping = agent.subscribe("presence-conversation-c1");
    await Promise.all([subscribed(viewerAccount), subscribed(agentAccount), subscribed(viewerTyping), subscribed(agentTyping)]);
    agentAccount.bind_global((name: string) => received.push(name));
    agentTyping.bind_global((name: string) => received.push(name));

    // A viewer forges a "server event" with a huge seq on the account channel, and an unknown event on the conversation's.
    viewerAccount.trigger("client-conversation.changed", { seq: 1e12, type: "conversation.changed", payload: {} });
    viewerTyping.trigger("client-fake", { x: 1 });
    // Then a typing indicator, which is relayed: anything forged before it would have arrived first (one socket, in order).
    const typing = nextEvent<{ typing: boolean }>(agentTyping, "client-typing");
    viewerTyping.trigger("client-typing", { typing: true });
    expect(await typing).toEqual({ typing: true });
    expect(received.filter((n) => n.startsWith("client-"))).toEqual(["client-typing"]);
    await waitFor(() => errors.length >= 2, 5000, "errors for the refused events");
    expect(errors.join("\n")).toMatch(/client-conversation\.changed is not enabled on private-account-1/);
    expect(errors.join("\n")).toMatch(/client-fake is not enabled on presence-conversation-c1/);
  });

  test("the browser ignores unknown event names and a received seq never moves its cursor: a huge seq cannot freeze live updates", async () => {
    const s = await server();
    const sdk = serverClient(s.port);
    const client = member(s, "agent");
    let head = 0;
    const applied: SequencedEvent[] = [];
    const sync = new EventSync({ initialSeq: 0, fetchAfter: async () => ({ events: [], head, hasMore: false }), apply: (e) => applied.push(e) });
    const detach = attachEventSync({ client, realtimeChannels: ["private-account-1"], sync });
    cleanups.push(detach);
    await connected(client);
    await waitFor(() => sync.appliedThrough === 0 && client.channel("private-account-1")?.subscribed === true, 5000, "in sync");
    // Give the catch-up a tick to go live.
    await new Promise((r) => setTimeout(r, 50));

    // Not a server event name (a client-* relay or anything unknown): ignored even with a plausible body.
    await sdk.trigger("private-account-1", "client-conversation.changed", { seq: 5, type: "conversation.changed", payload: {} });
    await sdk.trigger("private-account-1", "something.else", { seq: 6, type: "something.else", payload: {} });
    // A known name whose body claims another type: ignored.
    await sdk.trigger("private-account-1", "message.created", { seq: 7, type: "conversation.changed", payload: {} });
    // A known event with a huge seq is applied, but the cursor stays where the catch-up left it…
    await sdk.trigger("private-account-1", "conversation.changed", { seq: 1e12, type: "conversation.changed", payload: { conversationId: "x" } });
    await waitFor(() => applied.length === 1, 5000, "the huge-seq event");
    expect(sync.appliedThrough).toBe(0);
    // …so the genuine events that follow still arrive.
    head = 2;
    await sdk.trigger("private-account-1", "conversation.changed", { seq: 1, type: "conversation.changed", payload: { conversationId: "a" } });
    await sdk.trigger("private-account-1", "message.created", { seq: 2, type: "message.created", payload: { conversationId: "a", messageId: 1 } });
    await waitFor(() => applied.length === 3, 5000, "genuine events after the forged one");
    expect(applied.map((e) => e.seq)).toEqual([1e12, 1, 2]);
    // Only the catch-up endpoint moves the cursor; it does not apply what was already applied live.
    await sync.resync();
    expect(sync.appliedThrough).toBe(2);
    expect(applied.map((e) => e.seq)).toEqual([1e12, 1, 2]);
  });
});

import { randomInt } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { WebSocket } from "ws";
import { isClientEventAllowed } from "../client-events";
import { channelKind, isValidChannelName } from "./channel-names";
import type { ChannelRegistry, PresenceMember } from "./channel-registry";
import { hmacSha256Hex, safeEqual } from "./signing";

/** Close codes of the Pusher Channels protocol (https://pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol). */
export const CloseCode = {
  unknownAppKey: 4001,
  pathNotFound: 4005,
  invalidVersion: 4006,
  unsupportedProtocol: 4007,
  noProtocol: 4008,
  reconnectImmediately: 4200,
  pongNotReceived: 4201,
} as const;

export const MAX_PRESENCE_MEMBERS = 100;
const MAX_PRESENCE_USER_INFO_BYTES = 1000;
const MAX_PRESENCE_USER_ID_LENGTH = 128;

export type SocketContext = {
  key: string;
  secret: string;
  registry: ChannelRegistry;
  activityTimeoutSeconds: number;
};

export type LiveSocket = {
  socketId: string;
  ws: WebSocket;
  lastSeenAt: number;
  pingSentAt: number | null;
  channels: Set<string>;
};

/** Buffers go out as text frames: they carry the protocol's JSON. */
const TEXT_FRAME = { binary: false } as const;

const frame = (event: string, data: unknown, channel?: string) =>
  JSON.stringify(channel === undefined ? { event, data } : { event, channel, data });

function refuse(ws: WebSocket, code: number, text: string) {
  ws.send(frame("pusher:error", { code, message: text }));
  ws.close(code, text);
}

/** Accepts a socket on `/app/{key}?protocol=7`, or refuses it with the protocol's close code. */
export function acceptSocket(ws: WebSocket, request: IncomingMessage, context: SocketContext): LiveSocket | null {
  const url = new URL(request.url ?? "/", "http://local");
  const match = /^\/app\/([^/]+)$/.exec(url.pathname);
  if (!match) {
    refuse(ws, CloseCode.pathNotFound, "Path not found");
    return null;
  }
  if (decodeURIComponent(match[1]) !== context.key) {
    refuse(ws, CloseCode.unknownAppKey, `App key ${match[1]} does not exist`);
    return null;
  }
  const protocol = url.searchParams.get("protocol");
  if (!protocol) {
    refuse(ws, CloseCode.noProtocol, "No protocol version supplied");
    return null;
  }
  if (!/^\d+$/.test(protocol)) {
    refuse(ws, CloseCode.invalidVersion, "Invalid version string format");
    return null;
  }
  if (Number(protocol) < 5 || Number(protocol) > 7) {
    refuse(ws, CloseCode.unsupportedProtocol, `Unsupported protocol version ${protocol}`);
    return null;
  }

  const socket: LiveSocket = {
    socketId: `${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`,
    ws,
    lastSeenAt: Date.now(),
    pingSentAt: null,
    channels: new Set(),
  };
  // Frames sent in one tick (a batch of events, a burst) leave in one write instead of one each.
  const tcp = (ws as unknown as { _socket?: Socket })._socket;
  let corked = false;
  const subscriber = {
    socketId: socket.socketId,
    send: (message: string | Buffer) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (tcp && !corked) {
        corked = true;
        tcp.cork();
        process.nextTick(() => {
          corked = false;
          tcp.uncork();
        });
      }
      ws.send(message, TEXT_FRAME);
    },
  };

  ws.on("message", (raw) => {
    socket.lastSeenAt = Date.now();
    socket.pingSentAt = null;
    let message: { event?: unknown; channel?: unknown; data?: unknown };
    try {
      message = JSON.parse(raw.toString());
    } catch {
      subscriber.send(frame("pusher:error", { code: null, message: "Invalid JSON" }));
      return;
    }
    const data = typeof message.data === "string" ? parseMaybe(message.data) : message.data;
    switch (message.event) {
      case "pusher:ping":
        subscriber.send(frame("pusher:pong", {}));
        return;
      case "pusher:pong":
        return;
      case "pusher:subscribe":
        subscribe(socket, subscriber, data, context);
        return;
      case "pusher:unsubscribe": {
        const channel = (data as { channel?: unknown } | null)?.channel;
        if (typeof channel === "string" && socket.channels.delete(channel)) {
          context.registry.unsubscribe(channel, socket.socketId);
        }
        return;
      }
      default:
        if (typeof message.event === "string" && message.event.startsWith("client-")) {
          clientEvent(socket, subscriber, message.event, message.channel, message.data, context);
          return;
        }
        subscriber.send(frame("pusher:error", { code: null, message: `Unsupported event ${String(message.event)}` }));
    }
  });

  ws.on("close", () => {
    for (const channel of socket.channels) context.registry.unsubscribe(channel, socket.socketId);
    socket.channels.clear();
  });

  subscriber.send(
    frame(
      "pusher:connection_established",
      JSON.stringify({ socket_id: socket.socketId, activity_timeout: context.activityTimeoutSeconds }),
    ),
  );
  return socket;
}

function parseMaybe(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function subscriptionError(subscriber: { send(m: string): void }, channel: string, status: number, error: string) {
  subscriber.send(
    frame("pusher:subscription_error", { type: status === 401 ? "AuthError" : "SubscriptionError", error, status }, channel),
  );
}

function subscribe(
  socket: LiveSocket,
  subscriber: { socketId: string; send(m: string): void },
  data: unknown,
  context: SocketContext,
) {
  const { channel, auth, channel_data: channelData } = (data ?? {}) as Record<string, unknown>;
  if (!isValidChannelName(channel)) {
    subscriber.send(frame("pusher:error", { code: null, message: "Invalid channel name" }));
    return;
  }
  const kind = channelKind(channel);
  let member: PresenceMember | null = null;
  if (kind !== "public") {
    const signed = kind === "presence" ? `${socket.socketId}:${channel}:${channelData}` : `${socket.socketId}:${channel}`;
    const expected = `${context.key}:${hmacSha256Hex(context.secret, signed)}`;
    if (typeof auth !== "string" || !safeEqual(auth, expected) || (kind === "presence" && typeof channelData !== "string")) {
      subscriptionError(subscriber, channel, 401, "Invalid signature: the connection is unauthorized for this channel.");
      return;
    }
  }
  if (kind === "presence") {
    const parsed = parseMaybe(channelData as string) as { user_id?: unknown; user_info?: unknown } | null;
    const userId = typeof parsed?.user_id === "number" ? String(parsed.user_id) : parsed?.user_id;
    if (typeof userId !== "string" || userId === "" || userId.length > MAX_PRESENCE_USER_ID_LENGTH) {
      subscriptionError(subscriber, channel, 400, "channel_data must carry a user_id of at most 128 characters.");
      return;
    }
    if (JSON.stringify(parsed?.user_info ?? null).length > MAX_PRESENCE_USER_INFO_BYTES) {
      subscriptionError(subscriber, channel, 400, "user_info must be at most 1 KB.");
      return;
    }
    const ids = context.registry.userIds(channel);
    if (ids.length >= MAX_PRESENCE_MEMBERS && !ids.includes(userId)) {
      subscriptionError(subscriber, channel, 403, `Presence channels allow at most ${MAX_PRESENCE_MEMBERS} members.`);
      return;
    }
    member = { userId, userInfo: parsed?.user_info };
  }
  socket.channels.add(channel);
  context.registry.subscribe(channel, subscriber, member);
}

function clientEvent(
  socket: LiveSocket,
  subscriber: { send(m: string): void },
  event: string,
  channel: unknown,
  data: unknown,
  context: SocketContext,
) {
  if (typeof channel !== "string" || !socket.channels.has(channel)) {
    subscriber.send(frame("pusher:error", { code: null, message: "Client event on a channel the socket is not subscribed to" }));
    return;
  }
  const kind = channelKind(channel);
  if (kind !== "private" && kind !== "presence") {
    subscriber.send(frame("pusher:error", { code: null, message: "Client events are allowed only on private and presence channels" }));
    return;
  }
  // Refused unless the channel type enables this event (lib/realtime/client-events.ts): a member,
  // even a viewer, must not be able to broadcast look-alikes of the server's events.
  if (!isClientEventAllowed(channel, event)) {
    subscriber.send(frame("pusher:error", { code: 4301, message: `Client event ${event} is not enabled on ${channel}` }));
    return;
  }
  const member = context.registry.memberOf(channel, socket.socketId);
  const out: Record<string, unknown> = { event, channel, data };
  if (member) out.user_id = member.userId;
  context.registry.broadcast(channel, JSON.stringify(out), socket.socketId);
}

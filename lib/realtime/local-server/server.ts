import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { isPresenceChannel } from "./channel-names";
import { ChannelRegistry } from "./channel-registry";
import { handleHttpApi } from "./http-api";
import { acceptSocket, CloseCode, type LiveSocket } from "./socket-protocol";
import { WebhookSender } from "./webhooks";

export type LocalRealtimeServerOptions = {
  port: number;
  host?: string;
  appId: string;
  key: string;
  secret: string;
  webhookUrl?: string;
  /** Seconds of silence after which the server pings a client (told to clients in the handshake). */
  activityTimeoutSeconds?: number;
  /** How long a pinged client has to answer before it is closed with 4201. */
  pongTimeoutMs?: number;
};

export type LocalRealtimeServer = { port: number; close(): Promise<void> };

/**
 * One-machine stand-in for Pusher Channels: protocol 7 over WebSocket on `/app/{key}` and the
 * HTTP API on `/apps/{appId}/…`, on the same port, so the unmodified `pusher` and `pusher-js`
 * packages talk to it.
 */
export async function startLocalRealtimeServer(options: LocalRealtimeServerOptions): Promise<LocalRealtimeServer> {
  const activityTimeoutSeconds = options.activityTimeoutSeconds ?? 120;
  const pongTimeoutMs = options.pongTimeoutMs ?? 30_000;
  const webhooks = new WebhookSender(options.webhookUrl, options.key, options.secret);
  const registry = new ChannelRegistry({
    occupied: (channel) => webhooks.push({ name: "channel_occupied", channel }),
    vacated: (channel) => webhooks.push({ name: "channel_vacated", channel }),
    memberAdded: (channel, userId) => {
      if (isPresenceChannel(channel)) webhooks.push({ name: "member_added", channel, user_id: userId });
    },
    memberRemoved: (channel, userId) => {
      if (isPresenceChannel(channel)) webhooks.push({ name: "member_removed", channel, user_id: userId });
    },
  });
  const sockets = new Set<LiveSocket>();

  const http: Server = createServer((req, res) => {
    void handleHttpApi(req, res, { appId: options.appId, key: options.key, secret: options.secret, registry });
  });
  // Publishers (the pusher SDK with a keep-alive agent) reuse connections; do not drop them after 5 s idle.
  http.keepAliveTimeout = 120_000;
  http.headersTimeout = 125_000;
  const wss = new WebSocketServer({ server: http, maxPayload: 64 * 1024 });
  let closing = false;
  wss.on("connection", (ws, request) => {
    if (closing) {
      ws.terminate();
      return;
    }
    const socket = acceptSocket(ws, request, { key: options.key, secret: options.secret, registry, activityTimeoutSeconds });
    if (!socket) return;
    sockets.add(socket);
    ws.on("close", () => sockets.delete(socket));
  });

  // Dead-connection sweep: ping a silent client, close it with 4201 if it does not answer.
  const sweepEveryMs = Math.max(100, Math.min(activityTimeoutSeconds * 1000, pongTimeoutMs) / 2);
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const socket of sockets) {
      if (socket.pingSentAt !== null) {
        if (now - socket.pingSentAt > pongTimeoutMs) socket.ws.close(CloseCode.pongNotReceived, "Pong reply not received");
      } else if (now - socket.lastSeenAt > activityTimeoutSeconds * 1000) {
        socket.pingSentAt = now;
        socket.ws.send(JSON.stringify({ event: "pusher:ping", data: {} }));
      }
    }
  }, sweepEveryMs);
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (http.address() as AddressInfo).port;

  return {
    port,
    async close() {
      // Stop listening first: clients told to reconnect must not get back in while we shut down.
      closing = true;
      clearInterval(sweep);
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      for (const ws of wss.clients) ws.close(CloseCode.reconnectImmediately, "Server restarting");
      // Channels empty as sockets close; their vacated/member_removed webhooks go out before we stop.
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const ws of wss.clients) ws.terminate();
      await webhooks.close();
      wss.close();
      http.closeAllConnections();
      await stopped;
    },
  };
}

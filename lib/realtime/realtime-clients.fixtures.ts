// Test helpers: real `pusher` and `pusher-js` clients pointed at a local realtime server.
import Pusher from "pusher";
import PusherClient, { type Channel, type Options } from "pusher-js";
import { startLocalRealtimeServer, type LocalRealtimeServerOptions } from "./local-server/server";

export const testApp = { appId: "test-app", key: "test-key", secret: "test-secret" };

export async function startTestServer(options: Partial<LocalRealtimeServerOptions> = {}) {
  return startLocalRealtimeServer({ port: 0, ...testApp, ...options });
}

export function serverClient(port: number, overrides: Partial<typeof testApp> = {}) {
  return new Pusher({ ...testApp, ...overrides, host: "127.0.0.1", port: String(port), useTLS: false, timeout: 5000 });
}

type Authorize = (socketId: string, channelName: string) => { auth: string; channel_data?: string } | null;

/** A pusher-js client in Node; `authorize` plays the app's auth endpoint (null → refused). */
export function browserClient(port: number, authorize?: Authorize, options: Partial<Options> = {}) {
  return new PusherClient(testApp.key, {
    cluster: "local",
    wsHost: "127.0.0.1",
    wsPort: port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        const result = authorize?.(socketId, channelName) ?? null;
        if (result) callback(null, result);
        else callback(new Error("refused by the test's auth endpoint"), null);
      },
    },
    ...options,
  });
}

export function connected(client: PusherClient) {
  return new Promise<string>((resolve) => {
    if (client.connection.state === "connected") return resolve(client.connection.socket_id);
    client.connection.bind("connected", () => resolve(client.connection.socket_id));
  });
}

export function subscribed(channel: Channel) {
  return new Promise<unknown>((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", (data: unknown) => resolve(data));
    channel.bind("pusher:subscription_error", (error: unknown) => reject(error));
  });
}

export function nextEvent<T = unknown>(channel: Channel, event: string, timeoutMs = 5000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} on ${channel.name} within ${timeoutMs} ms`)), timeoutMs);
    const handler = (data: T) => {
      clearTimeout(timer);
      channel.unbind(event, handler);
      resolve(data);
    };
    channel.bind(event, handler);
  });
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = "condition") {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

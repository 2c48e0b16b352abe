import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import Pusher from "pusher";
import { installSecret } from "@/lib/secrets/install-secret";

/** What the server needs to publish (the `pusher` SDK) and to sign channel authorizations. */
export type RealtimeServerConfig = {
  appId: string;
  key: string;
  secret: string;
  host: string;
  port: number;
  useTLS: boolean;
  cluster: string;
};

/** What the browser's pusher-js needs; passed from the server layout as props (runtime, not NEXT_PUBLIC). */
export type BrowserRealtimeConfig = {
  key: string;
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  wssPort?: number;
  forceTLS: boolean;
  enabledTransports?: ("ws" | "wss")[];
};

export const LOCAL_REALTIME_DEFAULTS = {
  appId: "conversations-local",
  key: "conversations-key",
  /**
   * Generated for this install (`.data/realtime-secret`, mode 0600): it signs channel grants and
   * the presence webhooks the app accepts on its public port, so it is never a constant.
   */
  get secret(): string {
    return installSecret("realtime-secret");
  },
  host: "127.0.0.1",
  port: 6001,
};

type Env = Record<string, string | undefined>;

/**
 * Reads PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET, PUSHER_HOST, PUSHER_PORT, PUSHER_CLUSTER,
 * PUSHER_USE_TLS (and PUSHER_WS_HOST / PUSHER_WS_PORT when browsers reach the server under
 * another address). With none set: the local realtime server on 127.0.0.1:6001.
 */
export function readRealtimeConfig(env: Env = process.env): { server: RealtimeServerConfig; browser: BrowserRealtimeConfig } {
  const configured = env.PUSHER_KEY || env.PUSHER_APP_ID || env.PUSHER_CLUSTER;
  if (configured && !(env.PUSHER_APP_ID && env.PUSHER_KEY && env.PUSHER_SECRET)) {
    throw new Error("Set PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET together (or none of them for the local realtime server).");
  }
  const cluster = env.PUSHER_CLUSTER || "local";
  // Hosted Pusher when only a cluster is given; otherwise a Pusher-compatible server at PUSHER_HOST.
  const hosted = !!configured && !env.PUSHER_HOST && cluster !== "local";
  const useTLS = env.PUSHER_USE_TLS ? env.PUSHER_USE_TLS === "true" || env.PUSHER_USE_TLS === "1" : hosted;
  const host = env.PUSHER_HOST || (hosted ? `api-${cluster}.pusher.com` : LOCAL_REALTIME_DEFAULTS.host);
  const port = Number(env.PUSHER_PORT || (hosted ? (useTLS ? 443 : 80) : LOCAL_REALTIME_DEFAULTS.port));
  const server: RealtimeServerConfig = {
    appId: env.PUSHER_APP_ID || LOCAL_REALTIME_DEFAULTS.appId,
    key: env.PUSHER_KEY || LOCAL_REALTIME_DEFAULTS.key,
    secret: env.PUSHER_SECRET || LOCAL_REALTIME_DEFAULTS.secret,
    host,
    port,
    useTLS,
    cluster,
  };
  if (hosted) return { server, browser: { key: server.key, cluster, forceTLS: true } };
  const wsPort = Number(env.PUSHER_WS_PORT || port);
  return {
    server,
    browser: {
      key: server.key,
      cluster,
      wsHost: env.PUSHER_WS_HOST || host,
      wsPort,
      wssPort: wsPort,
      forceTLS: useTLS,
      enabledTransports: useTLS ? ["wss"] : ["ws"],
    },
  };
}

export function createPusherClient(config: RealtimeServerConfig) {
  return new Pusher({
    appId: config.appId,
    key: config.key,
    secret: config.secret,
    host: config.host,
    port: String(config.port),
    useTLS: config.useTLS,
    timeout: 5000,
    // Reused connections: publishing is on the commit→client latency path.
    agent: config.useTLS ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true }),
  });
}

const holder = globalThis as unknown as { __conversationsPusher?: Pusher };

/** The process's `pusher` server client for the configured realtime service. */
export function getPusher() {
  holder.__conversationsPusher ??= createPusherClient(readRealtimeConfig().server);
  return holder.__conversationsPusher;
}

export function browserRealtimeConfig() {
  return readRealtimeConfig().browser;
}

// The local realtime server (Pusher Channels protocol 7 + HTTP API) for one machine.
// Env: PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET, PUSHER_PORT (defaults: the local config), PUSHER_WEBHOOK_URL.
import { readRealtimeConfig } from "../lib/realtime/config";
import { startLocalRealtimeServer } from "../lib/realtime/local-server/server";

const { server: config } = readRealtimeConfig();
const server = await startLocalRealtimeServer({
  port: config.port,
  host: process.env.PUSHER_BIND_HOST ?? "127.0.0.1",
  appId: config.appId,
  key: config.key,
  secret: config.secret,
  webhookUrl: process.env.PUSHER_WEBHOOK_URL || undefined,
});
console.log(`realtime server listening on ${process.env.PUSHER_BIND_HOST ?? "127.0.0.1"}:${server.port} (app ${config.appId})`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  });
}

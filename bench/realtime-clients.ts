// Child process of bench/realtime.ts: N subscribers that timestamp every event they receive.
// MODE=pusher: pusher-js clients on a private channel of the realtime server; MODE=transport: the
// WebSocket client pusher-js uses in Node.js, bare (the fair floor); MODE=ws: bare `ws` clients.
import { createHmac } from "node:crypto";
import { performance } from "node:perf_hooks";
import PusherClient from "pusher-js";
import { WebSocket } from "ws";

const { MODE, PORT, KEY, SECRET, CHANNEL, N } = process.env as Record<string, string>;
const now = () => performance.timeOrigin + performance.now();
const count = Number(N);
// receipts[client] = flat [seq, time, seq, time, …]
const receipts: number[][] = Array.from({ length: count }, () => []);
let ready = 0;
const closers: (() => void)[] = [];
type BrowserLikeSocket = { onopen: () => void; onmessage: (e: { data: string }) => void; close(): void };

function onReady() {
  if (++ready === count) process.send!({ type: "ready" });
}

for (let i = 0; i < count; i++) {
  if (MODE === "transport") {
    // The WebSocket pusher-js itself uses in Node.js (its runtime's), without the Pusher protocol.
    const ws = (PusherClient as unknown as { Runtime: { createWebSocket(url: string): BrowserLikeSocket } }).Runtime.createWebSocket(
      `ws://127.0.0.1:${PORT}/sub`,
    );
    ws.onopen = onReady;
    ws.onmessage = ({ data }) => {
      const t = now();
      receipts[i].push(JSON.parse(data).seq, t);
    };
    closers.push(() => ws.close());
  } else if (MODE === "ws") {
    const ws = new WebSocket(`ws://127.0.0.1:${PORT}/sub`);
    ws.on("open", onReady);
    ws.on("message", (raw) => {
      const t = now();
      receipts[i].push(JSON.parse(raw.toString()).seq, t);
    });
    closers.push(() => ws.terminate());
  } else {
    const client = new PusherClient(KEY, {
      cluster: "local",
      wsHost: "127.0.0.1",
      wsPort: Number(PORT),
      forceTLS: false,
      enabledTransports: ["ws"],
      disableStats: true,
      channelAuthorization: {
        customHandler: ({ socketId, channelName }, callback) =>
          callback(null, { auth: `${KEY}:${createHmac("sha256", SECRET).update(`${socketId}:${channelName}`).digest("hex")}` }),
      },
    });
    const channel = client.subscribe(CHANNEL);
    channel.bind("pusher:subscription_succeeded", onReady);
    channel.bind_global((name: string, data: { seq?: number }) => {
      if (typeof data?.seq === "number") receipts[i].push(data.seq, now());
    });
    closers.push(() => client.disconnect());
  }
}

process.on("message", (message: { type: string }) => {
  if (message.type === "count") {
    process.send!({ type: "count", received: receipts.reduce((sum, flat) => sum + flat.length / 2, 0) });
    return;
  }
  if (message.type !== "report") return;
  const cpu = process.cpuUsage();
  process.send!({ type: "report", receipts, cpuMs: (cpu.user + cpu.system) / 1000 }, () => {
    closers.forEach((close) => close());
    process.exit(0);
  });
});

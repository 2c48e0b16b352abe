// Child process of bench/realtime.ts: the floor — a bare `ws` server relaying each message from
// /publish to every socket on /sub, with nothing else in the way.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";

const http = createServer();
const wss = new WebSocketServer({ server: http });
const subscribers = new Set<WebSocket>();
wss.on("connection", (ws, request) => {
  if (request.url === "/publish") {
    ws.on("message", (raw) => {
      const text = raw.toString();
      for (const sub of subscribers) sub.send(text);
    });
    return;
  }
  subscribers.add(ws);
  ws.on("close", () => subscribers.delete(ws));
});
http.listen(0, "127.0.0.1", () => process.send!({ type: "listening", port: (http.address() as AddressInfo).port }));

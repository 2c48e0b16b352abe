import http from "node:http";
import { SOCKET_ADDRESS_HEADER } from "./client-address";

const marker = Symbol.for("conversations.recordSocketAddress");

/**
 * Makes every HTTP request this process serves carry its TCP peer's address in
 * SOCKET_ADDRESS_HEADER, overwriting whatever the client sent. Next.js exposes no socket address
 * to route handlers or server actions (and fills X-Forwarded-For from the socket only when the
 * client sent none), so the server writes it before Next sees the request. Idempotent.
 */
export function recordSocketAddresses() {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (...args: unknown[]) => boolean };
  if (proto[marker]) return;
  proto[marker] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: unknown, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
}

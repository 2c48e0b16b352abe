type Env = Record<string, string | undefined>;

/** Where browsers open the realtime WebSocket, for `connect-src` (mirrors lib/realtime/config.ts). */
export function realtimeSocketSources(env: Env = process.env): string[] {
  const cluster = env.PUSHER_CLUSTER || "local";
  const configured = env.PUSHER_KEY || env.PUSHER_APP_ID || env.PUSHER_CLUSTER;
  if (configured && !env.PUSHER_HOST && cluster !== "local") return [`wss://ws-${cluster}.pusher.com`, "https://sockjs-" + cluster + ".pusher.com"];
  const tls = env.PUSHER_USE_TLS === "true" || env.PUSHER_USE_TLS === "1";
  const host = env.PUSHER_WS_HOST || env.PUSHER_HOST || "127.0.0.1";
  const port = env.PUSHER_WS_PORT || env.PUSHER_PORT || "6001";
  return [`${tls ? "wss" : "ws"}://${host}:${port}`];
}

/**
 * The dashboard's Content-Security-Policy: scripts only from this origin or carrying the
 * per-request nonce (Next.js puts it on its own inline scripts), no plugins, no framing
 * (`frame-ancestors 'none'`), forms and base URL to this origin only.
 */
export function contentSecurityPolicy({ nonce, dev = false, env = process.env }: { nonce: string; dev?: boolean; env?: Env }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self' ${realtimeSocketSources(env).join(" ")}${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

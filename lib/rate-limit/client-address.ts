import { BlockList, isIP } from "node:net";

/**
 * The header carrying the TCP peer's address, written by the server itself for every request
 * (lib/rate-limit/record-socket-address.ts, installed at startup by instrumentation.ts). Next.js gives
 * route handlers and server actions no socket address; this header is always overwritten
 * from the socket, so a client cannot choose it.
 */
export const SOCKET_ADDRESS_HEADER = "x-conversations-socket-address";

const normalize = (address: string) => {
  const a = address.trim().replace(/^\[|\]$/g, "");
  return a.toLowerCase().startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
};

/** TRUSTED_PROXIES: comma-separated addresses or CIDR ranges (e.g. `10.0.0.0/8, 127.0.0.1, ::1`). */
export function trustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const raw of (value ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits] = raw.split("/");
    const ip = normalize(address);
    const family = isIP(ip) === 6 ? "ipv6" : isIP(ip) === 4 ? "ipv4" : null;
    if (!family) throw new Error(`TRUSTED_PROXIES: "${raw}" is not an address or CIDR range.`);
    if (bits === undefined) list.addAddress(ip, family);
    else list.addSubnet(ip, Number(bits), family);
  }
  return list;
}

const isTrusted = (list: BlockList, address: string) => {
  const ip = normalize(address);
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 6 ? "ipv6" : "ipv4");
};

/**
 * The client's address for rate limits: the socket's peer, unless that peer is one of
 * TRUSTED_PROXIES — then the right-most X-Forwarded-For entry that is not itself a trusted proxy
 * (entries to its left were written by the client and prove nothing). Without the socket header
 * (a handler called outside the server, e.g. in tests) every caller shares one bucket.
 */
export function clientAddress(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const peer = headers.get(SOCKET_ADDRESS_HEADER);
  if (!peer) return "unknown";
  const socket = normalize(peer);
  const trusted = trustedProxies(env.TRUSTED_PROXIES);
  if (!isTrusted(trusted, socket)) return socket.slice(0, 64);
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => normalize(s)).filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!isTrusted(trusted, chain[i])) return chain[i].slice(0, 64);
  }
  return (chain[0] ?? socket).slice(0, 64);
}

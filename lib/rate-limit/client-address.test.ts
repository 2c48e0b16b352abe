import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, SOCKET_ADDRESS_HEADER, trustedProxies } from "./client-address";
import { recordSocketAddresses } from "./record-socket-address";

const headers = (h: Record<string, string>) => new Headers(h);

describe("client address for rate limits (issue 12, item 5)", () => {
  it("a client's own X-Forwarded-For is ignored: the socket address counts", () => {
    for (let i = 0; i < 40; i++) {
      expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `192.0.2.${i}` }), {})).toBe("203.0.113.7");
    }
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: "::ffff:203.0.113.7" }), {})).toBe("203.0.113.7");
  });

  it("from a trusted proxy, the right-most forwarded address that is not a trusted proxy", () => {
    const env = { TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1" };
    // The client prepended a fake entry; the proxy appended the real peer it saw.
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: "10.1.2.3", "x-forwarded-for": "1.1.1.1, 203.0.113.9" }), env)).toBe("203.0.113.9");
    // Two proxies in a row.
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-for": "203.0.113.9, 10.9.9.9" }), env)).toBe("203.0.113.9");
    // Not from a trusted proxy: the header is ignored.
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: "198.51.100.1", "x-forwarded-for": "203.0.113.9" }), env)).toBe("198.51.100.1");
    // No socket address (a handler called outside the server): one shared bucket, never the client's header.
    expect(clientAddress(headers({ "x-forwarded-for": "9.9.9.9" }), env)).toBe("unknown");
  });

  it("TRUSTED_PROXIES accepts addresses and CIDR ranges, IPv4 and IPv6, and rejects nonsense", () => {
    const list = trustedProxies("10.0.0.0/8, ::1, 2001:db8::/32");
    expect(list.check("10.200.1.1", "ipv4")).toBe(true);
    expect(list.check("::1", "ipv6")).toBe(true);
    expect(list.check("2001:db8::5", "ipv6")).toBe(true);
    expect(list.check("11.0.0.1", "ipv4")).toBe(false);
    expect(() => trustedProxies("proxy.internal")).toThrow(/TRUSTED_PROXIES/);
  });

  it("the server writes the socket's address into every request, over anything the client sent", async () => {
    recordSocketAddresses();
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(String(req.headers[SOCKET_ADDRESS_HEADER]));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [SOCKET_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
    server.close();
    expect(seen).toEqual(["127.0.0.1"]);
  });
});

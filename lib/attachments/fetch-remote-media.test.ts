import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fetchRemoteMedia, MediaFetchError } from "./fetch-remote-media";
import { isPublicAddress } from "./public-address";

let server: Server;
let base: string;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/photo.jpg") res.writeHead(200, { "content-type": "image/jpeg" }).end(Buffer.alloc(1000, 7));
    else if (req.url === "/big") res.writeHead(200, { "content-length": String(3 * 1024 * 1024) }).end(Buffer.alloc(3 * 1024 * 1024));
    else if (req.url === "/big-chunked") {
      res.writeHead(200);
      for (let i = 0; i < 3; i++) res.write(Buffer.alloc(1024 * 1024));
      res.end();
    } else if (req.url === "/to-metadata") res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    else if (req.url === "/named") res.writeHead(200, { "content-disposition": "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf" }).end("x");
    else if (req.url === "/auth") res.writeHead(200).end(req.headers.authorization ?? "none");
    else if (req.url === "/slow") setTimeout(() => res.writeHead(200).end("late"), 5_000);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const MB = 1024 * 1024;
const onlyLoopbackStub = (address: string) => address === "127.0.0.1";

describe("which addresses are public", () => {
  test.each([
    ["8.8.8.8", true],
    ["2606:4700:4700::1111", true],
    ["127.0.0.1", false],
    ["10.20.30.40", false],
    ["172.16.5.4", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fd12:3456::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:7f00:1", false],
    ["::ffff:8.8.8.8", true],
    ["not-an-ip", false],
  ])("%s → %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("fetchRemoteMedia refuses to reach inside", () => {
  const refused = async (url: string, message: RegExp) => {
    const error = await fetchRemoteMedia(url, { maxBytes: MB }).catch((e) => e);
    expect(error).toBeInstanceOf(MediaFetchError);
    expect(error.message).toMatch(message);
  };

  test("loopback and private addresses, by IP or by name, are never connected to", async () => {
    await refused(`${base}/photo.jpg`, /private network/);
    await refused(`http://localhost:${port}/photo.jpg`, /private network/);
    await refused("http://169.254.169.254/latest/meta-data/", /private network/);
    await refused(`http://[::ffff:127.0.0.1]:${port}/photo.jpg`, /private network/);
  });

  test("only http(s), never credentials in the URL", async () => {
    await refused("file:///etc/passwd", /only http and https/);
    await refused("ftp://example.com/x", /only http and https/);
    await refused("gopher://127.0.0.1:6379/_INFO", /only http and https/);
    await refused("http://user:pass@example.com/x", /credentials/);
    await refused("not a url", /not a URL/);
  });

  test("a redirect is checked again: an allowed host cannot bounce the fetch to the metadata service", async () => {
    const error = await fetchRemoteMedia(`${base}/to-metadata`, { maxBytes: MB, addressAllowed: onlyLoopbackStub }).catch((e) => e);
    expect(error).toBeInstanceOf(MediaFetchError);
    expect(error.message).toMatch(/private network/);
  });
});

describe("fetchRemoteMedia limits", () => {
  test("fetches an allowed file with its name", async () => {
    const photo = await fetchRemoteMedia(`${base}/photo.jpg`, { maxBytes: MB, addressAllowed: onlyLoopbackStub });
    expect(photo).toEqual({ bytes: Buffer.alloc(1000, 7), fileName: "photo.jpg" });
    expect((await fetchRemoteMedia(`${base}/named`, { maxBytes: MB, addressAllowed: onlyLoopbackStub })).fileName).toBe("résumé.pdf");
  });

  test("a file over the cap is refused, whether it says its length or not", async () => {
    for (const path of ["/big", "/big-chunked"]) {
      const error = await fetchRemoteMedia(`${base}${path}`, { maxBytes: 2 * MB, addressAllowed: onlyLoopbackStub }).catch((e) => e);
      expect(error).toBeInstanceOf(MediaFetchError);
      expect(error.message).toMatch(/larger than the 2 MB limit/);
    }
  });

  test("a host that does not answer in time is given up on", async () => {
    const error = await fetchRemoteMedia(`${base}/slow`, { maxBytes: MB, timeoutMs: 300, addressAllowed: onlyLoopbackStub }).catch((e) => e);
    expect(error).toBeInstanceOf(MediaFetchError);
    expect(error.message).toMatch(/took too long/);
  });

  test("provider credentials go only to the provider's host", async () => {
    const authorization = { host: "127.0.0.1", header: "Basic c2lkOnRva2Vu" };
    expect((await fetchRemoteMedia(`${base}/auth`, { maxBytes: MB, addressAllowed: onlyLoopbackStub, authorization })).bytes.toString()).toBe("Basic c2lkOnRva2Vu");
    const elsewhere = { host: "media.example.com", header: "Basic c2lkOnRva2Vu" };
    expect((await fetchRemoteMedia(`${base}/auth`, { maxBytes: MB, addressAllowed: onlyLoopbackStub, authorization: elsewhere })).bytes.toString()).toBe("none");
  });
});

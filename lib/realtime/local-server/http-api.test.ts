import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import Pusher from "pusher";
import { describe, expect, test } from "vitest";
import { ChannelRegistry } from "./channel-registry";
import { handleHttpApi } from "./http-api";

const app = { appId: "test-app", key: "test-key", secret: "test-secret" };
const sdk = new Pusher({ ...app, host: "127.0.0.1", port: "1", useTLS: false });

function fixture() {
  const log: string[] = [];
  const registry = new ChannelRegistry({ occupied() {}, vacated() {}, memberAdded() {}, memberRemoved() {} });
  registry.subscribe("private-a", { socketId: "1.1", send: (m) => log.push(`delivered ${JSON.parse(m.toString()).event}`) }, null);
  log.length = 0;
  const post = async (batch: { name: string }[]) => {
    const path = `/apps/${app.appId}/batch_events`;
    const body = JSON.stringify({ batch: batch.map((e) => ({ ...e, channel: "private-a", data: "{}" })) });
    const req = Object.assign(Readable.from([Buffer.from(body)]), {
      url: `${path}?${sdk.createSignedQueryString({ method: "POST", path, body })}`,
      method: "POST",
    }) as unknown as IncomingMessage;
    let status = 0;
    const res = {
      writeHead: (code: number) => (status = code),
      end: () => log.push(`answered ${status}`),
    } as unknown as ServerResponse;
    await handleHttpApi(req, res, { ...app, registry });
  };
  return { log, post };
}

describe("local realtime server: publishing", () => {
  test("a batch is answered before it is fanned out, so the publisher's next request overlaps the fan-out", async () => {
    const { log, post } = fixture();
    await post([{ name: "e1" }, { name: "e2" }]);
    expect(log).toEqual(["answered 200"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(["answered 200", "delivered e1", "delivered e2"]);
  });

  test("batches answered one after another are delivered in the order they were accepted", async () => {
    const { log, post } = fixture();
    for (let i = 0; i < 5; i++) await post([{ name: `e${2 * i}` }, { name: `e${2 * i + 1}` }]);
    await new Promise((resolve) => setImmediate(resolve));
    const delivered = log.filter((line) => line.startsWith("delivered")).map((line) => line.slice("delivered ".length));
    expect(delivered).toEqual(Array.from({ length: 10 }, (_, i) => `e${i}`));
  });
});

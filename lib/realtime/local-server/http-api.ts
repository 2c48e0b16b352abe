import type { IncomingMessage, ServerResponse } from "node:http";
import { channelKind, isValidChannelName } from "./channel-names";
import type { ChannelRegistry } from "./channel-registry";
import { hmacSha256Hex, md5Hex, safeEqual } from "./signing";

/** Limits of the Pusher Channels HTTP API. */
export const MAX_EVENT_DATA_BYTES = 10_240;
export const MAX_BATCH_EVENTS = 10;
export const MAX_CHANNELS_PER_EVENT = 100;
export const MAX_EVENT_NAME_LENGTH = 200;
export const AUTH_TIMESTAMP_WINDOW_SECONDS = 600;
const MAX_BODY_BYTES = 256 * 1024;
const SOCKET_ID = /^\d+\.\d+$/;

export type HttpApiContext = {
  appId: string;
  key: string;
  secret: string;
  registry: ChannelRegistry;
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": typeof body === "string" ? "text/plain" : "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, "Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Checks auth_key, the timestamp window, body_md5 and auth_signature, as Pusher's REST API does. */
function verifySignature(method: string, url: URL, body: Buffer, context: HttpApiContext) {
  const query = url.searchParams;
  if (query.get("auth_key") !== context.key) throw new HttpError(401, "Unknown auth_key");
  const timestamp = Number(query.get("auth_timestamp"));
  if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > AUTH_TIMESTAMP_WINDOW_SECONDS) {
    throw new HttpError(401, `Timestamp expired: auth_timestamp must be within ${AUTH_TIMESTAMP_WINDOW_SECONDS} seconds of now`);
  }
  if (query.get("auth_version") !== "1.0") throw new HttpError(401, "auth_version must be 1.0");
  if (body.length > 0 && query.get("body_md5") !== md5Hex(body)) throw new HttpError(401, "body_md5 does not match the body");
  const signature = query.get("auth_signature") ?? "";
  const sorted = [...query.entries()]
    .filter(([name]) => name !== "auth_signature")
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  const expected = hmacSha256Hex(context.secret, `${method}\n${url.pathname}\n${sorted}`);
  if (!safeEqual(signature, expected)) throw new HttpError(401, "Invalid signature");
}

type EventInput = { name: string; data: string; channels: string[]; socketId?: string; info?: string };

function parseEvent(raw: unknown, batched: boolean): EventInput {
  if (!raw || typeof raw !== "object") throw new HttpError(400, "Event must be an object");
  const e = raw as Record<string, unknown>;
  if (typeof e.name !== "string" || e.name === "") throw new HttpError(400, "name is required");
  if (e.name.length > MAX_EVENT_NAME_LENGTH) throw new HttpError(400, `name is limited to ${MAX_EVENT_NAME_LENGTH} characters`);
  if (typeof e.data !== "string") throw new HttpError(400, "data must be a string");
  if (Buffer.byteLength(e.data) > MAX_EVENT_DATA_BYTES) {
    throw new HttpError(413, `Event data is limited to ${MAX_EVENT_DATA_BYTES} bytes`);
  }
  const channels = batched ? [e.channel] : (e.channels ?? (e.channel === undefined ? undefined : [e.channel]));
  if (!Array.isArray(channels) || channels.length === 0) throw new HttpError(400, "channels is required");
  if (channels.length > MAX_CHANNELS_PER_EVENT) {
    throw new HttpError(400, `An event can be sent to at most ${MAX_CHANNELS_PER_EVENT} channels`);
  }
  for (const channel of channels) {
    if (!isValidChannelName(channel)) throw new HttpError(400, `Invalid channel name: ${String(channel)}`);
  }
  if (e.socket_id !== undefined && (typeof e.socket_id !== "string" || !SOCKET_ID.test(e.socket_id))) {
    throw new HttpError(400, "Invalid socket_id");
  }
  return {
    name: e.name,
    data: e.data,
    channels: channels as string[],
    socketId: e.socket_id as string | undefined,
    info: typeof e.info === "string" ? e.info : undefined,
  };
}

function channelInfo(channel: string, info: string | undefined, registry: ChannelRegistry) {
  const wanted = new Set((info ?? "").split(",").filter(Boolean));
  const out: Record<string, number> = {};
  if (wanted.has("subscription_count")) out.subscription_count = registry.subscriptionCount(channel);
  if (wanted.has("user_count")) {
    if (channelKind(channel) !== "presence") throw new HttpError(400, "user_count is available only for presence channels");
    out.user_count = registry.userIds(channel).length;
  }
  return out;
}

/**
 * Fans accepted events out once their answer has left, as Pusher acknowledges on accept: the
 * publisher's next request (the dispatcher sends one at a time per account) then overlaps this
 * fan-out instead of waiting behind it. The answer is flushed on the next tick (Node corks it), the
 * fan-out runs in this loop turn's check phase: before any request sent after the answer is read,
 * and immediates run in order, so events still go out in the order they were accepted.
 */
function deliver(events: EventInput[], registry: ChannelRegistry) {
  setImmediate(fanOut, events, registry);
}

function fanOut(events: EventInput[], registry: ChannelRegistry) {
  for (const event of events) {
    for (const channel of event.channels) {
      registry.broadcast(channel, JSON.stringify({ event: event.name, channel, data: event.data }), event.socketId);
    }
  }
}

/** The parts of the Channels HTTP API the app uses: events, batch events, channel info, presence users. */
export async function handleHttpApi(req: IncomingMessage, res: ServerResponse, context: HttpApiContext) {
  try {
    const url = new URL(req.url ?? "/", "http://local");
    const match = /^\/apps\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (!match) throw new HttpError(404, "Not found");
    if (decodeURIComponent(match[1]) !== context.appId) throw new HttpError(404, "Unknown app");
    const method = (req.method ?? "GET").toUpperCase();
    const body = method === "POST" ? await readBody(req) : Buffer.alloc(0);
    verifySignature(method, url, body, context);
    const route = match[2];
    const { registry } = context;

    if (method === "POST" && route === "/events") {
      const event = parseEvent(parseJson(body), false);
      if (!event.info) {
        send(res, 200, {});
      } else {
        const channels: Record<string, unknown> = {};
        for (const channel of event.channels) channels[channel] = channelInfo(channel, event.info, registry);
        send(res, 200, { channels });
      }
      return deliver([event], registry);
    }
    if (method === "POST" && route === "/batch_events") {
      const batch = (parseJson(body) as { batch?: unknown }).batch;
      if (!Array.isArray(batch)) throw new HttpError(400, "batch must be an array");
      if (batch.length > MAX_BATCH_EVENTS) throw new HttpError(400, `A batch holds at most ${MAX_BATCH_EVENTS} events`);
      const events = batch.map((e) => parseEvent(e, true));
      if (!events.some((e) => e.info)) send(res, 200, {});
      else send(res, 200, { batch: events.map((e) => (e.info ? channelInfo(e.channels[0], e.info, registry) : {})) });
      return deliver(events, registry);
    }
    if (method === "GET" && route === "/channels") {
      const prefix = url.searchParams.get("filter_by_prefix") ?? "";
      const info = url.searchParams.get("info") ?? undefined;
      if (info?.split(",").includes("user_count") && !prefix.startsWith("presence-")) {
        throw new HttpError(400, "user_count needs filter_by_prefix=presence-");
      }
      const channels: Record<string, unknown> = {};
      for (const channel of registry.occupiedChannels(prefix)) channels[channel] = channelInfo(channel, info, registry);
      return send(res, 200, { channels });
    }
    const users = /^\/channels\/([^/]+)\/users$/.exec(route);
    if (method === "GET" && users) {
      const channel = decodeURIComponent(users[1]);
      if (!isValidChannelName(channel) || channelKind(channel) !== "presence") {
        throw new HttpError(400, "Users are listed only for presence channels");
      }
      return send(res, 200, { users: registry.userIds(channel).map((id) => ({ id })) });
    }
    const single = /^\/channels\/([^/]+)$/.exec(route);
    if (method === "GET" && single) {
      const channel = decodeURIComponent(single[1]);
      if (!isValidChannelName(channel)) throw new HttpError(400, "Invalid channel name");
      const info = url.searchParams.get("info") ?? undefined;
      const occupied = registry.subscriptionCount(channel) > 0;
      return send(res, 200, { occupied, ...channelInfo(channel, info, registry) });
    }
    throw new HttpError(404, "Not found");
  } catch (error) {
    if (error instanceof HttpError) return send(res, error.status, error.message);
    return send(res, 500, "Internal error");
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, "Body must be JSON");
  }
}

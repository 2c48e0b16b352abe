import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPublicAddress } from "./public-address";

export class MediaFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MediaFetchError";
  }
}

export type FetchedMedia = { bytes: Buffer; fileName: string | null };

export type MediaFetchOptions = {
  maxBytes: number;
  /** For the whole fetch, redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Sent only to this host (e.g. the SMS provider's basic auth for its media URLs). */
  authorization?: { host: string; header: string };
  /** Which resolved addresses may be connected to; tests of the flow allow their local stub. */
  addressAllowed?: (address: string) => boolean;
};

export type MediaFetcher = (url: string, options: MediaFetchOptions) => Promise<FetchedMedia>;

/**
 * Fetches a file a channel names by URL (Messenger attachments, MMS media) without letting that
 * URL reach inside our network (SSRF): http(s) only, no credentials in the URL, every address
 * the name resolves to must be public — checked in the connection's own DNS lookup, so a name
 * cannot resolve differently between check and connect — and again on every redirect; a size
 * cap enforced while reading, and a deadline.
 */
export const fetchRemoteMedia: MediaFetcher = async (url, { maxBytes, timeoutMs = 15_000, maxRedirects = 3, authorization, addressAllowed = isPublicAddress }) => {
  const deadline = AbortSignal.timeout(timeoutMs);
  let current = url;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const target = checkedUrl(current, addressAllowed);
    const response = await get(target, deadline, addressAllowed, authorization && target.hostname === authorization.host ? authorization.header : null);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      current = new URL(response.headers.location, target).toString();
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new MediaFetchError(`the media host answered ${status}`);
    }
    const declared = Number(response.headers["content-length"] ?? "0");
    if (declared > maxBytes) {
      response.destroy();
      throw new MediaFetchError(`the file is larger than the ${Math.floor(maxBytes / (1024 * 1024))} MB limit`);
    }
    return { bytes: await readCapped(response, maxBytes, deadline), fileName: fileNameOf(response, target) };
  }
  throw new MediaFetchError("too many redirects");
};

function checkedUrl(raw: string, addressAllowed: (address: string) => boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MediaFetchError("the media URL is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new MediaFetchError("only http and https media URLs are fetched");
  if (url.username || url.password) throw new MediaFetchError("media URLs with credentials are not fetched");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // An IP literal skips DNS, so the lookup below never sees it: check it here.
  if (isIP(host) && !addressAllowed(host)) throw new MediaFetchError("the media URL points inside a private network");
  return url;
}

/** DNS lookup that refuses names resolving (even partly) to non-public addresses. */
function guardedLookup(addressAllowed: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      if (addresses.length === 0 || addresses.some((a) => !addressAllowed(a.address))) {
        return callback(Object.assign(new MediaFetchError("the media host resolves inside a private network"), { code: "EACCES" }), "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function get(url: URL, signal: AbortSignal, addressAllowed: (address: string) => boolean, authorization: string | null): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
      method: "GET",
      headers: { "user-agent": "Conversations media fetcher", accept: "*/*", ...(authorization ? { authorization } : {}) },
      lookup: guardedLookup(addressAllowed),
      signal,
    });
    request.on("response", resolve);
    request.on("error", (error) => reject(error instanceof MediaFetchError ? error : new MediaFetchError(signal.aborted ? "the media host took too long" : error.message)));
    request.end();
  });
}

async function readCapped(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        response.destroy();
        throw new MediaFetchError(`the file is larger than the ${Math.floor(maxBytes / (1024 * 1024))} MB limit`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof MediaFetchError) throw error;
    throw new MediaFetchError(signal.aborted ? "the media host took too long" : "the download broke off");
  }
  return Buffer.concat(chunks);
}

function fileNameOf(response: IncomingMessage, url: URL): string | null {
  const disposition = response.headers["content-disposition"] ?? "";
  const star = disposition.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = disposition.match(/filename="?([^";]+)"?/i)?.[1];
  if (plain) return plain;
  const last = url.pathname.split("/").pop();
  if (!last) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

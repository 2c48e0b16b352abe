import { NextResponse } from "next/server";
import type { Db } from "@/db/database";
import { readBodyLimited } from "@/lib/channels/http/read-body";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { limitPublicEndpoint, type PublicEndpoint } from "@/lib/rate-limit/public-endpoints";

/** The widget runs on customers' sites: its endpoints answer any origin (no cookies are used). */
export const WIDGET_CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "content-type, x-visitor-token, x-file-name, x-client-message-id",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "cache-control": "no-store",
};

export const widgetJson = (body: unknown, status = 200) => NextResponse.json(body, { status, headers: WIDGET_CORS });
export const widgetPreflight = () => new NextResponse(null, { status: 204, headers: WIDGET_CORS });

/** Where a widget request came from: its Origin header, and the app's own origin (the Preview page), which is always allowed. */
export function requestOrigin(request: Request) {
  return { origin: request.headers.get("origin"), appOrigin: process.env.APP_URL ? new URL(process.env.APP_URL).origin : new URL(request.url).origin };
}

/** Rate limit per client address; a Response when over budget. */
export async function limitWidget(db: Db, request: Request, endpoint: PublicEndpoint) {
  const limit = await limitPublicEndpoint({ db, endpoint, client: clientAddress(request.headers) });
  if (limit.allowed) return null;
  return NextResponse.json({ error: "Too many requests; try again shortly." }, { status: 429, headers: { ...WIDGET_CORS, "retry-after": String(limit.retryAfterSeconds) } });
}

/** A small JSON body (16 KB at most), or a 4xx Response. */
export async function widgetBody(request: Request): Promise<{ ok: true; json: unknown } | { ok: false; response: Response }> {
  const raw = await readBodyLimited(request, 16 * 1024);
  if (!raw) return { ok: false, response: widgetJson({ error: "The request is too large." }, 413) };
  try {
    return { ok: true, json: JSON.parse(raw.toString("utf8") || "null") };
  } catch {
    return { ok: false, response: widgetJson({ error: "The body is not JSON." }, 400) };
  }
}

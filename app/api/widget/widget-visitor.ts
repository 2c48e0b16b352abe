import type { Db } from "@/db/database";
import { visitorFromToken } from "@/lib/channels/webchat/visitor-session";
import { widgetJson } from "./widget-http";

/** The visitor named by the X-Visitor-Token header, or a 401 Response. */
export async function requireVisitor(db: Db, request: Request) {
  const visitor = await visitorFromToken({ db, token: request.headers.get("x-visitor-token") });
  if (!visitor) return { ok: false as const, response: widgetJson({ error: "Unknown or expired visitor token; start a new session." }, 401) };
  return { ok: true as const, visitor };
}

import type { Db } from "@/db/database";
import { admitVisitor } from "@/lib/channels/webchat/widget-gate";
import { visitorFromToken } from "@/lib/channels/webchat/visitor-session";
import { requestOrigin, widgetJson } from "./widget-http";

/**
 * The visitor named by the X-Visitor-Token header, or a Response: 401 for a bad token, 404 when
 * the account's web chat is off or its key was rotated, 403 from a website that is not allowed.
 */
export async function requireVisitor(db: Db, request: Request) {
  const visitor = await visitorFromToken({ db, token: request.headers.get("x-visitor-token") });
  if (!visitor) return { ok: false as const, response: widgetJson({ error: "Unknown or expired visitor token; start a new session." }, 401) };
  const admission = await admitVisitor({ db, visitor, ...requestOrigin(request) });
  if (!admission.ok) return { ok: false as const, response: widgetJson({ error: admission.error }, admission.status) };
  return { ok: true as const, visitor };
}

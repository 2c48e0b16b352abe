import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { webchatWidgets } from "@/db/schema";
import { WIDGET_KEY_PATTERN } from "./widget-key";

export type WidgetSettings = typeof webchatWidgets.$inferSelect;

/** Why a widget request is turned away: the key is unknown, rotated or switched off (404), or the page's origin is not allowed (403). */
export type WidgetRefusal = { ok: false; status: 403 | 404; error: string };
export type WidgetAdmission = { ok: true; widget: WidgetSettings } | WidgetRefusal;

const NOT_FOUND: WidgetRefusal = { ok: false, status: 404, error: "This chat is not available." };
const WRONG_ORIGIN: WidgetRefusal = { ok: false, status: 403, error: "This website may not use this chat." };

/**
 * Whether the page's `Origin` may use the widget: any when the account allows any (empty list);
 * otherwise one of the listed origins. A request without an Origin header is not a cross-site
 * browser request (same-origin GET, or a server), which an Origin list cannot restrict anyway.
 */
export function originAllowed(allowedOrigins: readonly string[], origin: string | null, appOrigin: string | null = null): boolean {
  if (allowedOrigins.length === 0 || origin === null) return true;
  // The app's own pages (the Preview) always may.
  if (appOrigin !== null && origin.toLowerCase() === appOrigin.toLowerCase()) return true;
  return allowedOrigins.includes(origin.toLowerCase());
}

/** Where the request came from: the page's Origin header, and the app's own origin (always allowed). */
export type RequestOrigin = { origin: string | null; appOrigin?: string | null };

function admit(widget: WidgetSettings | undefined, { origin, appOrigin = null }: RequestOrigin): WidgetAdmission {
  if (!widget || !widget.enabled) return NOT_FOUND;
  if (!originAllowed(widget.allowedOrigins, origin, appOrigin)) return WRONG_ORIGIN;
  return { ok: true, widget };
}

/** The widget opening with its key (POST /api/widget/session). */
export async function admitWidgetKey({ db, widgetKey, ...from }: { db: Db; widgetKey: string } & RequestOrigin): Promise<WidgetAdmission> {
  if (!WIDGET_KEY_PATTERN.test(widgetKey)) return NOT_FOUND;
  const [widget] = await db.select().from(webchatWidgets).where(eq(webchatWidgets.widgetKey, widgetKey));
  return admit(widget, from);
}

/**
 * A visitor's later request (messages, history, files, …): the account's widget must still be on,
 * the key the visitor's token was issued under must still be the account's key (a rotated key
 * stops at once), and the origin allowed.
 */
export async function admitVisitor({
  db,
  visitor,
  ...from
}: {
  db: Db;
  visitor: { accountId: string; widgetKey?: string };
} & RequestOrigin): Promise<WidgetAdmission> {
  const [widget] = await db.select().from(webchatWidgets).where(eq(webchatWidgets.accountId, visitor.accountId));
  if (widget && visitor.widgetKey !== undefined && visitor.widgetKey !== widget.widgetKey) return NOT_FOUND;
  return admit(widget, from);
}

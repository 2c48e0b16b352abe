import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { webchatWidgets } from "@/db/schema";

/** Public, not secret: it only names the account on the customer's page (data-key="…"). */
export const newWidgetKey = () => `wk_${randomBytes(18).toString("base64url")}`;

export const WIDGET_KEY_PATTERN = /^wk_[A-Za-z0-9_-]{10,64}$/;

/** The account's widget key, created on first use (safe under concurrent first uses). */
export async function ensureWidgetKey({ db, accountId, widgetKey }: { db: Db; accountId: string; widgetKey?: string }): Promise<string> {
  await db
    .insert(webchatWidgets)
    .values({ accountId, widgetKey: widgetKey ?? newWidgetKey() })
    .onConflictDoNothing({ target: webchatWidgets.accountId });
  const [row] = await db.select({ widgetKey: webchatWidgets.widgetKey }).from(webchatWidgets).where(eq(webchatWidgets.accountId, accountId));
  return row.widgetKey;
}

export async function accountOfWidgetKey({ db, widgetKey }: { db: Db; widgetKey: string }): Promise<string | null> {
  if (!WIDGET_KEY_PATTERN.test(widgetKey)) return null;
  const [row] = await db.select({ accountId: webchatWidgets.accountId }).from(webchatWidgets).where(eq(webchatWidgets.widgetKey, widgetKey));
  return row?.accountId ?? null;
}

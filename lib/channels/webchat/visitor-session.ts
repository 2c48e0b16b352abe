import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { contacts, conversations } from "@/db/schema";
import { issueVisitorToken, refreshVisitorToken, verifyVisitorToken } from "./visitor-token";
import { admitWidgetKey, type RequestOrigin, type WidgetRefusal } from "./widget-gate";

export type VisitorSession = {
  token: string;
  visitorId: string;
  accountId: string;
  conversationId: string | null;
  email: string | null;
};

export type WidgetAppearance = { title: string; greeting: string };

/**
 * The widget opens: its key must name an account whose web chat is on, and the page's origin be
 * allowed (else 404 / 403). A valid token for this widget's account keeps the visitor (and their
 * conversation, SPEC §7) and is re-issued under the current key; a missing, forged, expired or
 * other-account token starts afresh.
 */
export async function startVisitorSession({
  db,
  widgetKey,
  token,
  origin = null,
  appOrigin = null,
}: {
  db: Db;
  widgetKey: string;
  token?: string | null;
} & Partial<RequestOrigin>): Promise<VisitorSessionResult | WidgetRefusal> {
  const admission = await admitWidgetKey({ db, widgetKey, origin, appOrigin });
  if (!admission.ok) return admission;
  const { accountId, title, greeting } = admission.widget;
  const appearance = { title, greeting };
  const identity = verifyVisitorToken(token);
  if (identity && identity.accountId === accountId) {
    const current = await currentConversation(db, accountId, identity.visitorId);
    const renewed =
      identity.widgetKey === widgetKey ? (refreshVisitorToken(identity) ?? token!) : issueVisitorToken({ accountId, visitorId: identity.visitorId, widgetKey }).token;
    return {
      ok: true,
      value: {
        token: renewed,
        visitorId: identity.visitorId,
        accountId,
        conversationId: current?.conversationId ?? null,
        email: current?.email ?? null,
        appearance,
      },
    };
  }
  const issued = issueVisitorToken({ accountId, widgetKey });
  return { ok: true, value: { token: issued.token, visitorId: issued.visitorId, accountId, conversationId: null, email: null, appearance } };
}

type VisitorSessionResult = { ok: true; value: VisitorSession & { appearance: WidgetAppearance } };

/** The visitor's contact and latest conversation. */
async function currentConversation(db: Db, accountId: string, visitorId: string) {
  const [row] = await db
    .select({ contactId: contacts.id, email: contacts.email, conversationId: conversations.id })
    .from(contacts)
    .leftJoin(conversations, and(eq(conversations.contactId, contacts.id), eq(conversations.accountId, accountId)))
    .where(and(eq(contacts.accountId, accountId), eq(contacts.visitorId, visitorId)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  return row ?? null;
}

/** A visitor proven by their token, with their current conversation (if they wrote yet). */
export async function visitorFromToken({ db, token }: { db: Db; token: string | null }) {
  const identity = verifyVisitorToken(token);
  if (!identity) return null;
  const current = await currentConversation(db, identity.accountId, identity.visitorId);
  return { ...identity, contactId: current?.contactId ?? null, conversationId: current?.conversationId ?? null, email: current?.email ?? null };
}

export type Visitor = NonNullable<Awaited<ReturnType<typeof visitorFromToken>>>;

import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { contacts, conversations } from "@/db/schema";
import { fail, type Result } from "@/lib/result";
import { issueVisitorToken, refreshVisitorToken, verifyVisitorToken } from "./visitor-token";
import { accountOfWidgetKey } from "./widget-key";

export type VisitorSession = {
  token: string;
  visitorId: string;
  accountId: string;
  conversationId: string | null;
  email: string | null;
};

/**
 * The widget opens: a valid token for this widget's account keeps the visitor (and their
 * conversation, SPEC §7); a missing, forged, expired or other-account token starts afresh.
 */
export async function startVisitorSession({ db, widgetKey, token }: { db: Db; widgetKey: string; token?: string | null }): Promise<Result<VisitorSession>> {
  const accountId = await accountOfWidgetKey({ db, widgetKey });
  if (!accountId) return fail("Unknown widget key.");
  const identity = verifyVisitorToken(token);
  if (identity && identity.accountId === accountId) {
    const current = await currentConversation(db, accountId, identity.visitorId);
    return {
      ok: true,
      value: {
        token: refreshVisitorToken(identity) ?? token!,
        visitorId: identity.visitorId,
        accountId,
        conversationId: current?.conversationId ?? null,
        email: current?.email ?? null,
      },
    };
  }
  const issued = issueVisitorToken({ accountId });
  return { ok: true, value: { token: issued.token, visitorId: issued.visitorId, accountId, conversationId: null, email: null } };
}

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

import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contacts, conversations, messages, webchatVisitorReads } from "@/db/schema";
import { fail, isUniqueViolation, type Result } from "@/lib/result";
import { contactChanged, conversationChanged } from "@/lib/realtime/events";
import { receiveInboundMessage } from "@/lib/inbox/receive-inbound-message";
import { recordEvents } from "@/lib/realtime/outbox";
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

export const visitorMessageInput = z.object({
  body: z.string().trim().min(1, "Write a message first.").max(5000, "The message is too long (5 000 characters at most)."),
  /** The widget's id for this send: a retried request stores one message. */
  clientMessageId: z.string().uuid("clientMessageId must be a UUID."),
  name: z.string().trim().max(100).optional(),
});

export async function sendVisitorMessage({ db, visitor, input }: { db: Db; visitor: Visitor; input: z.input<typeof visitorMessageInput> }) {
  const parsed = visitorMessageInput.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0].message);
  const result = await receiveInboundMessage({
    db,
    input: {
      accountId: visitor.accountId,
      channel: "chat",
      externalId: `${visitor.visitorId}:${parsed.data.clientMessageId}`,
      // A recognizable default name, so agents can tell visitors apart before they give one.
      sender: { contact: { visitorId: visitor.visitorId, name: parsed.data.name || `Visitor ${visitor.visitorId.slice(2, 6)}` } },
      body: parsed.data.body,
    },
  });
  if (result.ok) await markSeen({ db, accountId: visitor.accountId, conversationId: result.value.conversationId, messageId: result.value.messageId });
  return result;
}

export type WidgetMessage = { id: number; from: "visitor" | "team"; author: string; body: string; createdAt: string; unread: boolean; bot: boolean };

/** What the widget shows: the contact's messages and the team's, never status messages; team messages after the visitor last looked are unread. */
export async function visitorHistory({ db, visitor }: { db: Db; visitor: Visitor }): Promise<{ conversationId: string | null; messages: WidgetMessage[]; unread: number }> {
  if (!visitor.conversationId) return { conversationId: null, messages: [], unread: 0 };
  const [read] = await db.select().from(webchatVisitorReads).where(eq(webchatVisitorReads.conversationId, visitor.conversationId));
  const lastSeen = read?.lastSeenMessageId ?? 0;
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      senderKind: messages.senderKind,
      body: messages.body,
      createdAt: messages.createdAt,
      agentName: sql<string | null>`(SELECT name FROM users WHERE users.id = ${messages.senderUserId})`,
    })
    .from(messages)
    .where(and(eq(messages.conversationId, visitor.conversationId), eq(messages.accountId, visitor.accountId), eq(messages.kind, "message"), isNotNull(messages.direction)))
    .orderBy(asc(messages.id))
    .limit(500);
  const list: WidgetMessage[] = rows.map((r) => ({
    id: r.id,
    from: r.direction === "in" ? "visitor" : "team",
    author: r.direction === "in" ? "You" : r.senderKind === "bot" ? "Bot" : (r.agentName?.split(" ")[0] ?? "Team"),
    body: r.body,
    createdAt: r.createdAt.toISOString(),
    unread: r.direction === "out" && r.id > lastSeen,
    bot: r.senderKind === "bot",
  }));
  return { conversationId: visitor.conversationId, messages: list, unread: list.filter((m) => m.unread).length };
}

/** The visitor has seen everything up to `messageId` (never moves backwards). */
export async function markSeen({ db, accountId, conversationId, messageId }: { db: Db; accountId: string; conversationId: string; messageId: number }) {
  await db
    .insert(webchatVisitorReads)
    .values({ conversationId, accountId, lastSeenMessageId: messageId })
    .onConflictDoUpdate({
      target: webchatVisitorReads.conversationId,
      set: { lastSeenMessageId: sql`GREATEST(${webchatVisitorReads.lastSeenMessageId}, ${messageId})`, updatedAt: new Date() },
    });
}

export const captureEmailInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(320),
  name: z.string().trim().max(100).optional(),
});

/** The email capture form (SPEC §7): the visitor's contact gets the address, so agents can answer by email. */
export async function captureVisitorEmail({ db, visitor, input }: { db: Db; visitor: Visitor; input: z.input<typeof captureEmailInput> }): Promise<Result<{ email: string }>> {
  const parsed = captureEmailInput.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0].message, { email: parsed.error.issues[0].message });
  if (!visitor.contactId) return fail("Send a message first, then leave your email.");
  try {
    return await db.transaction(async (tx) => {
      const [contact] = await tx
        .update(contacts)
        .set({ email: parsed.data.email, ...(parsed.data.name ? { name: parsed.data.name } : {}), updatedAt: new Date() })
        .where(and(eq(contacts.id, visitor.contactId!), eq(contacts.accountId, visitor.accountId)))
        .returning({ id: contacts.id });
      if (!contact) return fail("Unknown visitor.");
      const events = [contactChanged(visitor.accountId, contact.id)];
      if (visitor.conversationId) events.push(conversationChanged(visitor.accountId, visitor.conversationId, "contact"));
      await recordEvents({ tx, events });
      return { ok: true as const, value: { email: parsed.data.email } };
    });
  } catch (error) {
    if (isUniqueViolation(error, "contacts_account_email_unique")) {
      return fail("This email is already known to us; we will reach you there.", { email: "This email is already in use." });
    }
    throw error;
  }
}

/**
 * Presence (SPEC §7): the visitor's presence channel became occupied (online) or vacated
 * (away). Only a change writes and emits, so the agents' green dot follows without noise.
 */
export async function setVisitorPresence({ db, conversationId, online }: { db: Db; conversationId: string; online: boolean }) {
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(conversations)
      .set({ visitorOnline: online })
      .where(and(eq(conversations.id, conversationId), sql`${conversations.visitorOnline} IS DISTINCT FROM ${online}`))
      .returning({ accountId: conversations.accountId });
    if (!changed) return false;
    await recordEvents({ tx, events: [conversationChanged(changed.accountId, conversationId, "presence", { visitorOnline: online })] });
    return true;
  });
}

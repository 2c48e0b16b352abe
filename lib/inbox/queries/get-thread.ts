import { and, asc, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contacts, conversations, conversationTags, messages, tags, users } from "@/db/schema";
import { can, requirePermission, type Actor } from "@/lib/access/permissions";
import { canReplyOnMessenger } from "@/lib/message-channels/messenger-reply-window";
import { listSmsNumbers } from "@/lib/message-channels/sms-numbers";
import { availableChannels, defaultChannel, type Channel } from "@/lib/message-channels/message-channels";

export type ThreadMessage = {
  id: number;
  kind: "message" | "status";
  direction: "in" | "out" | null;
  channel: Channel | null;
  senderKind: "contact" | "agent" | "bot" | "system";
  senderUserId: string | null;
  senderName: string | null;
  body: string;
  createdAt: string;
  /** SMS only: the number the text came from (inbound) or the account's number it went from (outbound). */
  smsFrom: string | null;
};

export type Thread = {
  conversation: {
    id: string;
    number: number;
    status: "open" | "complete";
    name: string;
    assigneeId: string | null;
    assigneeName: string | null;
    unread: boolean;
    visitorOnline: boolean;
    channels: Channel[];
    messengerPsid: string | null;
    lastInboundChannel: Channel | null;
    lastInboundAt: string | null;
  };
  contact: { id: string; name: string; email: string | null; phone: string | null; visitorId: string | null } | null;
  tags: { id: string; name: string }[];
  messages: ThreadMessage[];
  /** Older messages exist before the first one returned. */
  hasEarlier: boolean;
  availableChannels: Channel[];
  defaultChannel: Channel | null;
  /** The account's sending numbers, for the composer's SMS picker. */
  smsNumbers: string[];
  /** Why Messenger cannot be used now (24-hour window), or null. */
  messengerRefusal: string | null;
};

/** SMS numbers of a message: delivery rows for outbound texts, inbound details for received ones. */
const smsFrom = sql<string | null>`CASE WHEN ${messages.channel} = 'sms' THEN COALESCE(
  (SELECT d.from_address FROM message_deliveries d WHERE d.message_id = ${messages.id}),
  (SELECT i.from_address FROM inbound_details i WHERE i.message_id = ${messages.id})) END`;

const assignee = alias(users, "assignee");

/**
 * A conversation with its latest messages. Status messages are returned only to agents
 * (SPEC §5): a viewer's thread, like a contact's, never contains them.
 */
export async function getThread({
  db,
  actor,
  conversationId,
  beforeId,
  limit = 200,
}: {
  db: Db;
  actor: Actor;
  conversationId: string;
  beforeId?: number;
  limit?: number;
}): Promise<Thread | null> {
  requirePermission(actor, "inbox.view");
  if (!z.string().uuid().safeParse(conversationId).success) return null;
  const [row] = await db
    .select({
      conversation: conversations,
      assigneeName: assignee.name,
      contact: { id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone, visitorId: contacts.visitorId },
    })
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, actor.accountId)));
  if (!row) return null;
  const c = row.conversation;
  const contact = row.contact?.id ? row.contact : null;

  const seeStatus = can(actor, "inbox.viewStatusMessages");
  const [list, tagRows, numbers] = await Promise.all([
    db
      .select({
        id: messages.id,
        kind: messages.kind,
        direction: messages.direction,
        channel: messages.channel,
        senderKind: messages.senderKind,
        senderUserId: messages.senderUserId,
        senderName: users.name,
        body: messages.body,
        createdAt: messages.createdAt,
        smsFrom,
      })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.senderUserId))
      .where(
        and(
          eq(messages.conversationId, c.id),
          eq(messages.accountId, actor.accountId),
          seeStatus ? undefined : eq(messages.kind, "message"),
          beforeId ? lt(messages.id, beforeId) : undefined,
        ),
      )
      .orderBy(desc(messages.id))
      .limit(limit + 1),
    db
      .select({ id: tags.id, name: tags.name })
      .from(conversationTags)
      .innerJoin(tags, eq(tags.id, conversationTags.tagId))
      .where(and(eq(conversationTags.conversationId, c.id), eq(conversationTags.accountId, actor.accountId), isNull(conversationTags.removedAt)))
      .orderBy(asc(tags.name)),
    listSmsNumbers({ db, accountId: actor.accountId }),
  ]);
  const available = availableChannels({ used: c.channels, contact, messengerPsid: c.messengerPsid });
  return {
    conversation: {
      id: c.id,
      number: c.number,
      status: c.status,
      name: contact?.name ?? c.externalName ?? "Visitor",
      assigneeId: c.assigneeId,
      assigneeName: row.assigneeName,
      unread: c.unread,
      visitorOnline: c.visitorOnline,
      channels: c.channels,
      messengerPsid: c.messengerPsid,
      lastInboundChannel: c.lastInboundChannel,
      lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
    },
    contact,
    tags: tagRows,
    messages: list
      .slice(0, limit)
      .reverse()
      .map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    hasEarlier: list.length > limit,
    availableChannels: available,
    defaultChannel: defaultChannel(available, { visitorOnline: c.visitorOnline, lastInboundChannel: c.lastInboundChannel }),
    smsNumbers: numbers.map((n) => n.number),
    messengerRefusal: available.includes("messenger")
      ? (() => {
          const window = canReplyOnMessenger({ lastInboundAt: c.lastInboundChannel === "messenger" ? c.lastInboundAt : null });
          return window.ok ? null : window.reason;
        })()
      : null,
  };
}

/** One message as an agent or viewer may see it: a realtime event appends it without refetching the thread. */
export async function getThreadMessage({ db, actor, messageId }: { db: Db; actor: Actor; messageId: number }): Promise<ThreadMessage | null> {
  requirePermission(actor, "inbox.view");
  if (!Number.isSafeInteger(messageId)) return null;
  const [m] = await db
    .select({
      id: messages.id,
      kind: messages.kind,
      direction: messages.direction,
      channel: messages.channel,
      senderKind: messages.senderKind,
      senderUserId: messages.senderUserId,
      senderName: users.name,
      body: messages.body,
      createdAt: messages.createdAt,
      smsFrom,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.accountId, actor.accountId),
        can(actor, "inbox.viewStatusMessages") ? undefined : eq(messages.kind, "message"),
      ),
    );
  return m ? { ...m, createdAt: m.createdAt.toISOString() } : null;
}

/**
 * What the contact's side (web-chat widget, email transcript) shows: real messages only —
 * never status messages (SPEC §5). A system read used by channel code, scoped by account.
 */
export async function getContactThread({ db, accountId, conversationId }: { db: Db; accountId: string; conversationId: string }) {
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      channel: messages.channel,
      senderKind: messages.senderKind,
      senderName: users.name,
      body: messages.body,
      createdAt: messages.createdAt,
      smsFrom,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(and(eq(messages.conversationId, conversationId), eq(messages.accountId, accountId), eq(messages.kind, "message")))
    .orderBy(asc(messages.id));
  return rows;
}


import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contacts, conversations, conversationTags, groups, tags, users } from "@/db/schema";
import { can, requirePermission, type Actor } from "@/lib/access/permissions";
import type { Channel } from "@/lib/message-channels/message-channels";
import { threadAbilities, type ThreadAbilities } from "../thread-abilities";
import { addressesOf } from "../contact-addresses";
import { composerOptions, type ComposerOptions } from "./composer-options";
import { threadMessagesPage, type ThreadMessage } from "./thread-messages";

export type { ThreadMessage } from "./thread-messages";

export type Thread = {
  conversation: {
    id: string;
    number: number;
    status: "open" | "complete";
    name: string;
    assigneeId: string | null;
    assigneeName: string | null;
    /** Assigned to a group, no individual owner yet (issue 16). */
    assignedGroupId: string | null;
    assignedGroupName: string | null;
    unread: boolean;
    visitorOnline: boolean;
    channels: Channel[];
    messengerPsid: string | null;
    lastInboundChannel: Channel | null;
    lastInboundAt: string | null;
  };
  contact: { id: string; name: string; email: string | null; phone: string | null; visitorId: string | null } | null;
  tags: { id: string; name: string }[];
  /** The contact's other emails and phone numbers (issue 16), for the contact panel. */
  contactAddresses: { id: string; kind: "email" | "phone"; value: string }[];
  /** Where an email or a text can go, main address first: the composer's recipient choice. */
  recipients: { emails: string[]; phones: string[] };
  messages: ThreadMessage[];
  /** Older messages exist before the first one returned. */
  hasEarlier: boolean;
  /** What this viewer may do here now; refetched with the thread whenever it changes. */
  abilities: ThreadAbilities;
} & ComposerOptions;

const assignee = alias(users, "assignee");

/** The conversation's header: the conversation, its assignee's name and its contact (none for Messenger). */
async function conversationWithContact(db: Db, accountId: string, conversationId: string) {
  const [row] = await db
    .select({
      conversation: conversations,
      assigneeName: assignee.name,
      assignedGroupName: groups.name,
      contact: { id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone, visitorId: contacts.visitorId },
    })
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(groups, eq(groups.id, conversations.assignedGroupId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.accountId, accountId)));
  return row ? { ...row, contact: row.contact?.id ? row.contact : null } : null;
}

function conversationTagList(db: Db, accountId: string, conversationId: string) {
  return db
    .select({ id: tags.id, name: tags.name })
    .from(conversationTags)
    .innerJoin(tags, eq(tags.id, conversationTags.tagId))
    .where(and(eq(conversationTags.conversationId, conversationId), eq(conversationTags.accountId, accountId), isNull(conversationTags.removedAt)))
    .orderBy(asc(tags.name));
}

/**
 * A conversation as the inbox shows it to `actor`: its header, tags, latest messages, what the
 * composer offers and what the actor may do. Status messages are returned only to agents
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
  const row = await conversationWithContact(db, actor.accountId, conversationId);
  if (!row) return null;
  const { conversation: c, contact } = row;
  const [page, tagRows, composer, addresses] = await Promise.all([
    threadMessagesPage({
      db,
      accountId: actor.accountId,
      conversationId: c.id,
      withStatusMessages: can(actor, "inbox.viewStatusMessages"),
      beforeId,
      limit,
    }),
    conversationTagList(db, actor.accountId, c.id),
    composerOptions({ db, accountId: actor.accountId, conversation: c, contact }),
    contact ? addressesOf({ db, accountId: actor.accountId, contactIds: [contact.id] }).then((m) => m.get(contact.id) ?? []) : [],
  ]);
  return {
    conversation: {
      id: c.id,
      number: c.number,
      status: c.status,
      name: contact?.name ?? c.externalName ?? "Visitor",
      assigneeId: c.assigneeId,
      assigneeName: row.assigneeName,
      assignedGroupId: c.assignedGroupId,
      assignedGroupName: row.assignedGroupName,
      unread: c.unread,
      visitorOnline: c.visitorOnline,
      channels: c.channels,
      messengerPsid: c.messengerPsid,
      lastInboundChannel: c.lastInboundChannel,
      lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
    },
    contact,
    tags: tagRows,
    contactAddresses: addresses,
    recipients: {
      emails: [...(contact?.email ? [contact.email] : []), ...addresses.filter((x) => x.kind === "email").map((x) => x.value)],
      phones: [...(contact?.phone ? [contact.phone] : []), ...addresses.filter((x) => x.kind === "phone").map((x) => x.value)],
    },
    ...page,
    ...composer,
    abilities: threadAbilities(actor, c),
  };
}

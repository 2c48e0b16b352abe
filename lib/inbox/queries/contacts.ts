import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contactSearchVector, contacts, conversations } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { prefixTsQuery } from "./search-terms";

export type ContactSummary = { id: string; name: string; email: string | null; phone: string | null; visitorId: string | null };

const contactFields = { id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone, visitorId: contacts.visitorId };

/** "Start a new conversation": search the account's known contacts by name, email or phone. */
export async function searchContacts({ db, actor, query, limit = 20 }: { db: Db; actor: Actor; query: string; limit?: number }): Promise<ContactSummary[]> {
  requirePermission(actor, "inbox.view");
  const tsQuery = prefixTsQuery(z.string().max(200).catch("").parse(query));
  return db
    .select(contactFields)
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, actor.accountId),
        tsQuery
          ? sql`${contactSearchVector(contacts)} @@ to_tsquery('simple', ${tsQuery})`
          : undefined,
      ),
    )
    .orderBy(asc(contacts.name), asc(contacts.id))
    .limit(Math.min(Math.max(limit, 1), 50));
}

/**
 * The contacts panel: contacts that are in a conversation, by name, keyset on
 * (name, id) so it pages without OFFSET.
 */
export async function listContactsInConversations({
  db,
  actor,
  afterName,
  afterId,
  limit = 50,
}: {
  db: Db;
  actor: Actor;
  afterName?: string;
  afterId?: string;
  limit?: number;
}): Promise<ContactSummary[]> {
  requirePermission(actor, "inbox.view");
  const after = afterName !== undefined && afterId && z.string().uuid().safeParse(afterId).success;
  return db
    .select(contactFields)
    .from(contacts)
    .where(
      and(
        eq(contacts.accountId, actor.accountId),
        sql`EXISTS (SELECT 1 FROM ${conversations} WHERE ${conversations.contactId} = ${contacts.id})`,
        after ? sql`(${contacts.name}, ${contacts.id}) > (${afterName}, ${afterId}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(contacts.name), asc(contacts.id))
    .limit(Math.min(Math.max(limit, 1), 100));
}

export async function getContact({ db, actor, contactId }: { db: Db; actor: Actor; contactId: string }): Promise<ContactSummary | null> {
  requirePermission(actor, "inbox.view");
  if (!z.string().uuid().safeParse(contactId).success) return null;
  const [row] = await db
    .select(contactFields)
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.accountId, actor.accountId)));
  return row ?? null;
}


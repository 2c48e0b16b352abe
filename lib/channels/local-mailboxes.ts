import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { mailLocalMailbox, messengerLocalMailbox, smsLocalMailbox } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";

const LIMIT = 50;

/**
 * The local mailboxes standing in for SMTP, the Messenger Graph API and the SMS provider (tables
 * `mail_outbox`, `messenger_outbox`, `sms_outbox`): this account's latest entries (admins only).
 * Admins read them on the settings page labelled "Outbox" (/settings/outbox).
 */
export async function listLocalMailboxes({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "channels.manage");
  const [mail, messenger, sms] = await Promise.all([
    db.select().from(mailLocalMailbox).where(eq(mailLocalMailbox.accountId, actor.accountId)).orderBy(desc(mailLocalMailbox.createdAt)).limit(LIMIT),
    db.select().from(messengerLocalMailbox).where(eq(messengerLocalMailbox.accountId, actor.accountId)).orderBy(desc(messengerLocalMailbox.createdAt)).limit(LIMIT),
    db.select().from(smsLocalMailbox).where(eq(smsLocalMailbox.accountId, actor.accountId)).orderBy(desc(smsLocalMailbox.createdAt)).limit(LIMIT),
  ]);
  return { mail, messenger, sms };
}

/** Where a local mail's rendered MIME message is kept (mail with attachments), for an admin of its account; null otherwise. */
export async function localMailRawKey({ db, actor, mailId }: { db: Db; actor: Actor; mailId: string }): Promise<string | null> {
  requirePermission(actor, "channels.manage");
  if (!z.string().uuid().safeParse(mailId).success) return null;
  const [row] = await db
    .select({ rawKey: mailLocalMailbox.rawKey })
    .from(mailLocalMailbox)
    .where(and(eq(mailLocalMailbox.id, mailId), eq(mailLocalMailbox.accountId, actor.accountId)));
  return row?.rawKey ?? null;
}

import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { mailOutbox, messengerOutbox, smsOutbox } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";

const LIMIT = 50;

/** The local outboxes standing in for SMTP, the Messenger Graph API and the SMS provider: this account's latest entries (admins only). */
export async function listLocalOutboxes({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "channels.manage");
  const [mail, messenger, sms] = await Promise.all([
    db.select().from(mailOutbox).where(eq(mailOutbox.accountId, actor.accountId)).orderBy(desc(mailOutbox.createdAt)).limit(LIMIT),
    db.select().from(messengerOutbox).where(eq(messengerOutbox.accountId, actor.accountId)).orderBy(desc(messengerOutbox.createdAt)).limit(LIMIT),
    db.select().from(smsOutbox).where(eq(smsOutbox.accountId, actor.accountId)).orderBy(desc(smsOutbox.createdAt)).limit(LIMIT),
  ]);
  return { mail, messenger, sms };
}

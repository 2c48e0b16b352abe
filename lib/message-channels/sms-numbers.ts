import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { smsNumbers } from "@/db/schema";

export function listSmsNumbers({ db, accountId }: { db: Db; accountId: string }) {
  return db
    .select({ id: smsNumbers.id, number: smsNumbers.number, label: smsNumbers.label })
    .from(smsNumbers)
    .where(eq(smsNumbers.accountId, accountId))
    .orderBy(asc(smsNumbers.createdAt), asc(smsNumbers.number));
}

/** The account a texted number belongs to (inbound `To`). */
export async function accountOfSmsNumber({ db, number }: { db: Db; number: string }) {
  const [row] = await db.select({ accountId: smsNumbers.accountId }).from(smsNumbers).where(eq(smsNumbers.number, number));
  return row?.accountId ?? null;
}

/** Whether `number` is one of the account's sending numbers (the agent's pick is checked). */
export async function isAccountSmsNumber({ db, accountId, number }: { db: Db; accountId: string; number: string }) {
  const [row] = await db
    .select({ id: smsNumbers.id })
    .from(smsNumbers)
    .where(and(eq(smsNumbers.accountId, accountId), eq(smsNumbers.number, number)));
  return !!row;
}

/** Whether the account has any sending number: the composer offers SMS only then. */
export async function accountHasSmsNumber({ db, accountId }: { db: Db; accountId: string }) {
  const [row] = await db.select({ id: smsNumbers.id }).from(smsNumbers).where(eq(smsNumbers.accountId, accountId)).limit(1);
  return !!row;
}

import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { smsNumbers } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { failField, isUniqueViolation, ok, type Result } from "@/lib/result";
import { e164 } from "./phone-number";

export const smsNumberInput = z.object({
  number: e164,
  label: z.string().trim().max(60, "Use at most 60 characters for the label.").default(""),
});

/** An admin adds a sending number to the account; a number belongs to one account only. */
export const addSmsNumber = defineCommand({
  permission: "channels.manage",
  input: smsNumberInput,
  transaction: false,
  async run({ tx: db, actor, input: { number, label } }): Promise<Result<{ id: string; number: string }>> {
    const [row] = await db
      .insert(smsNumbers)
      .values({ accountId: actor.accountId, number, label })
      .returning({ id: smsNumbers.id, number: smsNumbers.number });
    return ok(row);
  },
  rescue(error) {
    if (isUniqueViolation(error, "sms_numbers_number_unique")) return failField("number", "This number is already in use.");
  },
});

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

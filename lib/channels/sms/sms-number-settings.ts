import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { smsNumbers } from "@/db/schema";
import { recordChannelChange } from "@/lib/channels/settings/channel-audit";
import { defineCommand } from "@/lib/command";
import { e164 } from "@/lib/message-channels/phone-number";
import { channelsChanged } from "@/lib/realtime/events";
import { fail, failField, isUniqueViolation, ok, type Result } from "@/lib/result";

export const smsNumberInput = z.object({
  number: e164,
  label: z.string().trim().max(60, "Use at most 60 characters for the label.").default(""),
});

/** An admin adds a sending number to the account; a number belongs to one account only. */
export const addSmsNumber = defineCommand({
  permission: "channels.manage",
  input: smsNumberInput,
  async run({ tx, actor, input: { number, label }, emit }): Promise<Result<{ id: string; number: string }>> {
    const [row] = await tx
      .insert(smsNumbers)
      .values({ accountId: actor.accountId, number, label })
      .returning({ id: smsNumbers.id, number: smsNumbers.number });
    await recordChannelChange(tx, actor, "sms", `Added the number ${number}${label ? ` (${label})` : ""}.`);
    emit(channelsChanged(actor.accountId, "sms"));
    return ok(row);
  },
  rescue(error) {
    if (isUniqueViolation(error, "sms_numbers_number_unique")) return failField("number", "This number is already in use.");
  },
});

export const removeSmsNumberInput = z.object({ id: z.string().uuid("Number not found.") });

/** Removes a sending number: texts to it stop arriving; its conversations and messages stay. */
export const removeSmsNumber = defineCommand({
  permission: "channels.manage",
  input: removeSmsNumberInput,
  async run({ tx, actor, input: { id }, emit }): Promise<Result<{ number: string }>> {
    const [row] = await tx
      .delete(smsNumbers)
      .where(and(eq(smsNumbers.id, id), eq(smsNumbers.accountId, actor.accountId)))
      .returning({ number: smsNumbers.number });
    if (!row) return fail("Number not found.");
    await recordChannelChange(tx, actor, "sms", `Removed the number ${row.number}.`);
    emit(channelsChanged(actor.accountId, "sms"));
    return ok(row);
  },
});

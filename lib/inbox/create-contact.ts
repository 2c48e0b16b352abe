import { z } from "zod";
import { contacts } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { e164 } from "@/lib/message-channels/phone-number";
import { contactChanged } from "@/lib/realtime/events";
import { failField, isUniqueViolation, ok, type Result } from "@/lib/result";
import type { ContactSummary } from "./queries/contacts";
import { inboxWritable } from "./writable-inbox";

const blank = (v: string | undefined | null) => !v || v.trim() === "";

export const createContactInput = z
  .object({
    name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(200, "Names are 200 characters at most."),
    email: z
      .union([z.literal(""), z.string().trim().toLowerCase().email("Enter a valid email address.").max(320)])
      .optional()
      .transform((v) => (v ? v : null)),
    phone: z
      .union([z.literal(""), e164])
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .refine((c) => !blank(c.email) || !blank(c.phone), { message: "Give an email address or a phone number, so you can reach them.", path: ["email"] });

/**
 * "New contact" (contacts page, New conversation): a person the team can then start a
 * conversation with. Email and phone each name at most one contact of the account; the phone
 * is kept in E.164, the form the SMS channel matches senders by.
 */
export const createContact = defineCommand({
  permission: "contacts.edit",
  input: createContactInput,
  guards: [inboxWritable],
  async run({ tx, actor, input: { name, email, phone }, emit }): Promise<Result<ContactSummary>> {
    const [row] = await tx
      .insert(contacts)
      .values({ accountId: actor.accountId, name, email, phone })
      .returning({ id: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone, visitorId: contacts.visitorId });
    emit(contactChanged(actor.accountId, row.id));
    return ok(row);
  },
  rescue(error) {
    if (isUniqueViolation(error, "contacts_account_email_unique")) return failField("email", "A contact with this email address already exists: search for it.");
    if (isUniqueViolation(error, "contacts_account_phone_unique")) return failField("phone", "A contact with this phone number already exists: search for it.");
  },
});

import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contacts } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { fail, failField, isUniqueViolation, ok, type Result } from "@/lib/result";
import { contactChanged } from "@/lib/realtime/events";
import { inboxWritable } from "./writable-inbox";

const blankToNull = (v: string | null | undefined) => (v ? v : null);

export const editContactInput = z.object({
  contactId: z.string().uuid("Contact not found."),
  name: z.string().trim().min(1, "Enter a name.").max(200, "Names are 200 characters at most."),
  email: z
    .union([z.literal(""), z.string().trim().toLowerCase().email("Enter a valid email address.").max(320)])
    .nullish()
    .transform(blankToNull),
  phone: z
    .union([z.literal(""), z.string().trim().regex(/^\+?[0-9 ()-]{5,30}$/, "Enter a phone number such as +1 555 0100.")])
    .nullish()
    .transform(blankToNull),
});

const contactTaken = (field: "email" | "phone", what: string) => failField(field, `Another contact already has this ${what}.`);

/** The contacts panel's quick-edit dialog (SPEC §4). */
export const editContact = defineCommand({
  permission: "contacts.edit",
  input: editContactInput,
  guards: [inboxWritable],
  async run({ tx, actor, input: { contactId, name, email, phone }, emit }): Promise<Result<{ contactId: string }>> {
    const updated = await tx
      .update(contacts)
      // An address the agent types is vouched for by the agent; an unchanged one keeps its state.
      .set({ name, email, phone, emailVerified: sql`CASE WHEN ${contacts.email} IS NOT DISTINCT FROM ${email} THEN ${contacts.emailVerified} ELSE true END`, updatedAt: new Date() })
      .where(and(eq(contacts.id, contactId), eq(contacts.accountId, actor.accountId)))
      .returning({ id: contacts.id });
    if (updated.length === 0) return fail("Contact not found.");
    emit(contactChanged(actor.accountId, contactId));
    return ok({ contactId });
  },
  rescue(error) {
    if (isUniqueViolation(error, "contacts_account_email_unique")) return contactTaken("email", "email address");
    if (isUniqueViolation(error, "contacts_account_phone_unique")) return contactTaken("phone", "phone number");
  },
});

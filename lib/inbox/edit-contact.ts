import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contacts } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, isUniqueViolation, type Result } from "@/lib/result";
import { recordEvents } from "@/lib/realtime/outbox";
import { contactChanged } from "@/lib/realtime/events";
import { requireWritableInbox } from "./writable-inbox";

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

/** The contacts panel's quick-edit dialog (SPEC §4). */
export async function editContact({ db, actor, input }: { db: Db; actor: Actor; input: z.input<typeof editContactInput> }): Promise<Result<{ contactId: string }>> {
  requirePermission(actor, "contacts.edit");
  const parsed = editContactInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { contactId, name, email, phone } = parsed.data;
  try {
    return await db.transaction(async (tx) => {
      const readOnly = await requireWritableInbox({ tx, accountId: actor.accountId });
      if (readOnly) return readOnly;
      const updated = await tx
        .update(contacts)
        .set({ name, email, phone, updatedAt: new Date() })
        .where(and(eq(contacts.id, contactId), eq(contacts.accountId, actor.accountId)))
        .returning({ id: contacts.id });
      if (updated.length === 0) return fail("Contact not found.");
      await recordEvents({ tx, events: [contactChanged(actor.accountId, contactId)] });
      return { ok: true as const, value: { contactId } };
    });
  } catch (error) {
    if (isUniqueViolation(error, "contacts_account_email_unique")) {
      return fail("Another contact already has this email address.", { email: "Another contact already has this email address." });
    }
    if (isUniqueViolation(error, "contacts_account_phone_unique")) {
      return fail("Another contact already has this phone number.", { phone: "Another contact already has this phone number." });
    }
    throw error;
  }
}

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contacts } from "@/db/schema";
import { fail, isUniqueViolation, type Result } from "@/lib/result";
import { contactChanged, conversationChanged } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import type { Visitor } from "./visitor-session";

export const captureEmailInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(320),
  name: z.string().trim().max(100).optional(),
});

/** The email capture form (SPEC §7): the visitor's contact gets the address, so agents can answer by email. */
export async function captureVisitorEmail({ db, visitor, input }: { db: Db; visitor: Visitor; input: unknown }): Promise<Result<{ email: string }>> {
  const parsed = captureEmailInput.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0].message, { email: parsed.error.issues[0].message });
  if (!visitor.contactId) return fail("Send a message first, then leave your email.");
  try {
    return await db.transaction(async (tx) => {
      const [contact] = await tx
        .update(contacts)
        .set({ email: parsed.data.email, ...(parsed.data.name ? { name: parsed.data.name } : {}), updatedAt: new Date() })
        .where(and(eq(contacts.id, visitor.contactId!), eq(contacts.accountId, visitor.accountId)))
        .returning({ id: contacts.id });
      if (!contact) return fail("Unknown visitor.");
      const events = [contactChanged(visitor.accountId, contact.id)];
      if (visitor.conversationId) events.push(conversationChanged(visitor.accountId, visitor.conversationId, "contact"));
      await recordEvents({ tx, events });
      return { ok: true as const, value: { email: parsed.data.email } };
    });
  } catch (error) {
    if (isUniqueViolation(error, "contacts_account_email_unique")) {
      return fail("This email is already known to us; we will reach you there.", { email: "This email is already in use." });
    }
    throw error;
  }
}

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contacts } from "@/db/schema";
import { fail, type Result } from "@/lib/result";
import { contactChanged, conversationChanged } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { sendEmailVerification } from "./visitor-email-verification";
import type { Visitor } from "./visitor-session";

export const captureEmailInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(320),
  name: z.string().trim().max(100).optional(),
});

/**
 * The email capture form (SPEC §7): the visitor's contact gets the address, *unconfirmed*
 * until the visitor opens the link mailed to it. Until then agents can still write to it
 * (transcripts, offline replies) but mail from that address never joins the visitor's chat,
 * so typing a stranger's address reveals nothing of the stranger's mail.
 */
export async function captureVisitorEmail({
  db,
  visitor,
  input,
  origin,
}: {
  db: Db;
  visitor: Visitor;
  input: unknown;
  /** The app's public origin, for the confirmation link. */
  origin: string;
}): Promise<Result<{ email: string; verified: boolean }>> {
  const parsed = captureEmailInput.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0].message, { email: parsed.error.issues[0].message });
  if (!visitor.contactId) return fail("Send a message first, then leave your email.");
  const email = parsed.data.email;
  const result = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: contacts.id, email: contacts.email, emailVerified: contacts.emailVerified })
      .from(contacts)
      .where(and(eq(contacts.id, visitor.contactId!), eq(contacts.accountId, visitor.accountId)))
      .for("no key update");
    if (!current) return null;
    const unchanged = current.email === email;
    const verified = unchanged && current.emailVerified;
    await tx
      .update(contacts)
      .set({ email, emailVerified: verified, ...(parsed.data.name ? { name: parsed.data.name } : {}), updatedAt: new Date() })
      .where(eq(contacts.id, current.id));
    // The confirmation mail is a job in this transaction: sent if and only if the address was kept.
    if (!verified) await sendEmailVerification({ db: tx, accountId: visitor.accountId, contactId: current.id, email, origin });
    const events = [contactChanged(visitor.accountId, current.id)];
    if (visitor.conversationId) events.push(conversationChanged(visitor.accountId, visitor.conversationId, "contact"));
    await recordEvents({ tx, events });
    return { contactId: current.id, verified };
  });
  if (!result) return fail("Unknown visitor.");
  return { ok: true, value: { email, verified: result.verified } };
}

import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { accounts, contacts } from "@/db/schema";
import { queueMail } from "@/lib/delivery/queue-mail";
import { contactChanged } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { fail, isUniqueViolation, ok, type Result } from "@/lib/result";
import { channelSecret } from "../channel-secret";
import { safeEqual } from "../constant-time";

/** How long the link mailed to a visitor's address stays valid. */
export const EMAIL_VERIFICATION_MAX_AGE_MS = 3 * 24 * 3600 * 1000;

const payload = z.object({ v: z.literal(1), c: z.string().uuid(), e: z.string().email().max(320), iat: z.number().int().positive() });

const sign = (body: string) => createHmac("sha256", channelSecret("visitor-email-verification")).update(body).digest("base64url");

/** A signed token naming the contact and the exact address it confirms (a later address needs a new link). */
export function issueEmailVerificationToken({ contactId, email, now = new Date() }: { contactId: string; email: string; now?: Date }) {
  const body = Buffer.from(JSON.stringify({ v: 1, c: contactId, e: email, iat: Math.floor(now.getTime() / 1000) })).toString("base64url");
  return `${body}.${sign(body)}`;
}

export function readEmailVerificationToken(token: unknown, { now = new Date() }: { now?: Date } = {}): { contactId: string; email: string } | null {
  if (typeof token !== "string" || token.length > 2000) return null;
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined || !safeEqual(signature, sign(body))) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = payload.safeParse(decoded);
  if (!parsed.success) return null;
  const age = now.getTime() - parsed.data.iat * 1000;
  if (age > EMAIL_VERIFICATION_MAX_AGE_MS || age < -5 * 60_000) return null;
  return { contactId: parsed.data.c, email: parsed.data.e };
}

/** The link mailed to a visitor's address; opening it shows a button that confirms (so mail scanners that prefetch links confirm nothing). */
export function emailVerificationUrl(origin: string, token: string) {
  return `${origin.replace(/\/$/, "")}/api/widget/email/verify?token=${encodeURIComponent(token)}`;
}

/** Queues the mail with the confirmation link to the address the visitor typed, in the caller's transaction (`db`). */
export async function sendEmailVerification({ db, accountId, contactId, email, origin }: { db: Db; accountId: string; contactId: string; email: string; origin: string }) {
  const [account] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  const url = emailVerificationUrl(origin, issueEmailVerificationToken({ contactId, email }));
  const team = account?.name ?? "the team";
  await queueMail({
    tx: db,
    mail: {
      accountId,
      to: email,
      subject: `Confirm your email address for ${team}`,
      text:
        `Someone gave this address in the chat on ${team}'s website.\n\n` +
        `If it was you, confirm it here so replies by email join your chat:\n${url}\n\n` +
        `If it was not you, ignore this mail: nothing you send us will be shown in that chat.`,
    },
  });
  return url;
}

/**
 * The visitor opened the link: the address becomes the contact's confirmed email, so mail
 * from it joins their conversations. Only the address the link was made for, and only while
 * the contact still has it; an address already confirmed on another contact stays with that one.
 */
export async function confirmVisitorEmail({ db, token, now }: { db: Db; token: unknown; now?: Date }): Promise<Result<{ email: string }>> {
  const claim = readEmailVerificationToken(token, { now });
  if (!claim) return fail("This confirmation link is invalid or has expired. Leave your email in the chat again to get a new one.");
  try {
    return await db.transaction(async (tx) => {
      const [contact] = await tx
        .update(contacts)
        .set({ emailVerified: true, updatedAt: new Date() })
        .where(and(eq(contacts.id, claim.contactId), eq(contacts.email, claim.email)))
        .returning({ id: contacts.id, accountId: contacts.accountId });
      if (!contact) return fail("This confirmation link is no longer valid: the chat has another address now.");
      await recordEvents({ tx, events: [contactChanged(contact.accountId, contact.id)] });
      return ok({ email: claim.email });
    });
  } catch (error) {
    if (isUniqueViolation(error, "contacts_account_email_unique")) {
      return fail("This address is already in touch with the team by email; replies will reach you there.");
    }
    throw error;
  }
}

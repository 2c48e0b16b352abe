import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { emailChannelSettings, emailInboxes, users } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { recentChannelChanges, recordChannelChange } from "@/lib/channels/settings/channel-audit";
import { defineCommand } from "@/lib/command";
import { channelsChanged } from "@/lib/realtime/events";
import { fail, failField, isUniqueViolation, ok, type Result } from "@/lib/result";
import { receiveInboundEmail } from "./receive-inbound-email";
import { inboundEmailDomain } from "./reply-address";

/** Local parts we never hand out: mail systems and our own reply addresses use them. */
const RESERVED = new Set(["reply", "postmaster", "abuse", "admin", "root", "mailer-daemon", "noreply", "no-reply", "hostmaster", "webmaster"]);

export const inboundSlugInput = z.object({
  slug: z
    .string({ error: "Choose the first part of your inbound address." })
    .trim()
    .toLowerCase()
    .min(3, "Use at least 3 characters.")
    .max(40, "Use at most 40 characters.")
    .regex(/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/, "Use letters, digits, dots and dashes only, starting and ending with a letter or digit.")
    .refine((slug) => !slug.includes(".."), "Two dots in a row are not allowed.")
    .refine((slug) => !RESERVED.has(slug), "That name is reserved; choose another."),
});

export const inboundAddress = (slug: string, domain = inboundEmailDomain()) => `${slug}@${domain}`;

const ADDRESS_TAKEN = failField("slug", "That address is already taken; choose another.");

/**
 * The account's inbound address `<slug>@INBOUND_EMAIL_DOMAIN`: unique across accounts; changing
 * it stops mail to the old address at once (conversations stay). The address is kept in
 * `email_inboxes`, which inbound mail is matched by.
 */
export const setInboundSlug = defineCommand({
  permission: "channels.manage",
  input: inboundSlugInput,
  async run({ tx, actor, input: { slug }, emit }): Promise<Result<{ address: string }>> {
    await tx.insert(emailChannelSettings).values({ accountId: actor.accountId }).onConflictDoNothing();
    const [current] = await tx.select().from(emailChannelSettings).where(eq(emailChannelSettings.accountId, actor.accountId)).for("update");
    const address = inboundAddress(slug);
    if (current.inboundSlug === slug) return ok({ address });
    if (current.inboundSlug) {
      await tx.delete(emailInboxes).where(and(eq(emailInboxes.accountId, actor.accountId), eq(emailInboxes.address, inboundAddress(current.inboundSlug))));
    }
    await tx.update(emailChannelSettings).set({ inboundSlug: slug, updatedAt: sql`now()` }).where(eq(emailChannelSettings.accountId, actor.accountId));
    await tx.insert(emailInboxes).values({ accountId: actor.accountId, address });
    await recordChannelChange(tx, actor, "email", current.inboundSlug ? `Changed the inbound address from ${inboundAddress(current.inboundSlug)} to ${address}.` : `Set the inbound address to ${address}.`);
    emit(channelsChanged(actor.accountId, "email"));
    return ok({ address });
  },
  rescue(error) {
    if (isUniqueViolation(error, "email_channel_settings_slug_unique") || isUniqueViolation(error, "email_inboxes_address_unique")) return ADDRESS_TAKEN;
  },
});

const blankOr = <T extends z.ZodType>(schema: T) => z.union([z.literal(""), schema]).default("");

export const emailSenderInput = z.object({
  fromName: blankOr(
    z
      .string()
      .trim()
      .max(100, "Keep the name to 100 characters.")
      .regex(/^[^"<>\\\r\n]*$/, "The name cannot contain quotes, angle brackets or line breaks."),
  ),
  replyTo: blankOr(z.string().trim().toLowerCase().email("Enter a valid email address for replies.").max(320)),
});

/** How outbound mail is signed: the From name (else the account's name) and an extra Reply-To address. */
export const setEmailSender = defineCommand({
  permission: "channels.manage",
  input: emailSenderInput,
  async run({ tx, actor, input: { fromName, replyTo }, emit }): Promise<Result<{ fromName: string; replyTo: string }>> {
    await tx
      .insert(emailChannelSettings)
      .values({ accountId: actor.accountId, fromName, replyTo })
      .onConflictDoUpdate({ target: emailChannelSettings.accountId, set: { fromName, replyTo, updatedAt: sql`now()` } });
    await recordChannelChange(tx, actor, "email", `Set the From name to "${fromName || "the account's name"}" and reply-to to ${replyTo || "the conversation's address"}.`);
    emit(channelsChanged(actor.accountId, "email"));
    return ok({ fromName, replyTo });
  },
});

/** The email card: the inbound address (if chosen), the sender settings and the latest changes. Admins only. */
export async function emailSettings({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "channels.manage");
  const [row] = await db.select().from(emailChannelSettings).where(eq(emailChannelSettings.accountId, actor.accountId));
  const changes = await recentChannelChanges({ db, accountId: actor.accountId, channel: "email" });
  return {
    slug: row?.inboundSlug ?? null,
    address: row?.inboundSlug ? inboundAddress(row.inboundSlug) : null,
    domain: inboundEmailDomain(),
    fromName: row?.fromName ?? "",
    replyTo: row?.replyTo ?? "",
    changes,
  };
}

/** What outbound mail of the account is signed with (blank = defaults). */
export async function emailSenderOf({ db, accountId }: { db: Db; accountId: string }) {
  const [row] = await db
    .select({ fromName: emailChannelSettings.fromName, replyTo: emailChannelSettings.replyTo })
    .from(emailChannelSettings)
    .where(eq(emailChannelSettings.accountId, accountId));
  return { fromName: row?.fromName ?? "", replyTo: row?.replyTo ?? "" };
}

/** A raw MIME message from the admin to the account's inbound address. */
export function testEmailMime({ from, to, now = new Date() }: { from: { name: string; email: string }; to: string; now?: Date }) {
  const messageId = `<test-${randomUUID()}@${inboundEmailDomain()}>`;
  const name = from.name.replace(/["\\\r\n]/g, "");
  return [
    `From: "${name}" <${from.email}>`,
    `To: ${to}`,
    `Subject: Test email to ${to}`,
    `Message-ID: ${messageId}`,
    `Date: ${now.toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    `This is a test email sent from Settings → Channels at ${now.toISOString()}. Mail forwarded to ${to} lands in your inbox like this.`,
    "",
  ].join("\r\n");
}

/**
 * "Send a test email": a real MIME message from the admin to the inbound address, through the
 * same path the mail provider's webhook uses; it lands in the inbox as a new conversation.
 */
export const sendTestEmail = defineCommand({
  permission: "channels.manage",
  input: z.object({}),
  transaction: false,
  async run({ tx: db, actor }): Promise<Result<{ conversationId: string; address: string }>> {
    const [settings] = await db.select().from(emailChannelSettings).where(eq(emailChannelSettings.accountId, actor.accountId));
    if (!settings?.inboundSlug) return fail("Choose your inbound address first, then send a test email to it.");
    const [me] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, actor.userId));
    const address = inboundAddress(settings.inboundSlug);
    const received = await receiveInboundEmail({ db, raw: testEmailMime({ from: me, to: address }) });
    if (!received.ok) return fail(`The test email did not arrive: ${received.error}`);
    return ok({ conversationId: received.value.conversationId, address });
  },
});

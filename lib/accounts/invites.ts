import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { groupMembers, groups, invites, users } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { hashPassword, passwordSchema } from "@/lib/auth/passwords";
import { queueMail } from "@/lib/delivery/queue-mail";
import { emailSchema, personNameSchema } from "@/lib/auth/person-fields";
import { defineCommand } from "@/lib/command";
import { alreadyHasAccountText } from "./already-has-account-mail";
import { fail, failField, fromZodError, isUniqueViolation, ok, type Result } from "@/lib/result";

export const INVITE_LIFETIME_DAYS = 7;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const createInviteInput = z.object({
  email: emailSchema,
  asAdmin: z.boolean().default(false),
});

/**
 * An admin invites someone to the account; the link is mailed and also returned to show.
 * The invite and its mail job are one transaction: no invite without its mail, no mail without its invite.
 */
export const createInvite = defineCommand({
  permission: "users.invite",
  input: createInviteInput,
  deps: (given: { appUrl: string; now?: Date }) => ({ appUrl: given.appUrl, now: given.now ?? new Date() }),
  async run({ tx: db, actor, input: { email, asAdmin }, appUrl, now }): Promise<Result<{ inviteId: string; link: string; email: string }>> {
    const [existing] = await db.select({ accountId: users.accountId }).from(users).where(eq(users.email, email));
    if (existing?.accountId === actor.accountId) return failField("email", "This person is already a member of your account.");
    // Another account's user: the admin gets the same answer as for a free address (no account
    // enumeration); the person is told by mail instead, and the invite can never be accepted.
    const takenElsewhere = !!existing;

    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_DAYS * 24 * 3600 * 1000);
    const link = `${appUrl.replace(/\/$/, "")}/invite/${token}`;
    const [inviter] = await db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));

    const [invite] = await db
      .insert(invites)
      .values({ accountId: actor.accountId, email, tokenHash: hashToken(token), asAdmin, invitedById: actor.userId, expiresAt })
      .returning({ id: invites.id });
    const subject = `${inviter?.name ?? "A teammate"} invited you to Conversations`;
    await queueMail({
      tx: db,
      mail: {
        accountId: actor.accountId,
        to: email,
        subject,
        text: takenElsewhere
          ? alreadyHasAccountText({ appUrl, email })
          : `You have been invited to join your team's inbox.\n\nSet your password and join here (valid for ${INVITE_LIFETIME_DAYS} days):\n${link}\n`,
      },
    });
    return ok({ inviteId: invite.id, link, email });
  },
});

/** What the invite page shows before the invitee sets a password. */
export async function findOpenInvite({ db, token, now = new Date() }: { db: Db; token: string; now?: Date }) {
  const [invite] = await db.select().from(invites).where(eq(invites.tokenHash, hashToken(token)));
  if (!invite) return { status: "unknown" as const };
  if (invite.acceptedAt) return { status: "used" as const };
  if (invite.expiresAt <= now) return { status: "expired" as const };
  return { status: "open" as const, email: invite.email };
}

export const acceptInviteInput = z.object({
  token: z.string().min(1).max(200),
  name: personNameSchema,
  password: passwordSchema,
});

/** The invitee sets a name and password and joins the inviting account. */
export async function acceptInvite({
  db,
  input,
  now = new Date(),
}: {
  db: Db;
  input: unknown;
  now?: Date;
}): Promise<Result<{ userId: string; email: string }>> {
  const parsed = acceptInviteInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { token, name, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      // Claim the invite atomically: a second accept of the same link finds nothing.
      const [invite] = await tx
        .update(invites)
        .set({ acceptedAt: now })
        .where(and(eq(invites.tokenHash, hashToken(token)), isNull(invites.acceptedAt), gt(invites.expiresAt, now)))
        .returning();
      if (!invite) {
        const state = await findOpenInvite({ db: tx, token, now });
        const message =
          state.status === "expired"
            ? "This invite has expired. Ask your admin to send a new one."
            : state.status === "used"
              ? "This invite has already been used. Sign in instead."
              : "This invite link is not valid. Check the link or ask your admin for a new one.";
        return fail(message);
      }
      const [user] = await tx
        .insert(users)
        .values({ accountId: invite.accountId, email: invite.email, name, passwordHash })
        .returning();
      if (invite.asAdmin) {
        const [adminGroup] = await tx
          .select()
          .from(groups)
          .where(and(eq(groups.accountId, invite.accountId), eq(groups.isAdminGroup, true)));
        await tx.insert(groupMembers).values({ accountId: invite.accountId, groupId: adminGroup.id, userId: user.id });
      }
      return { ok: true as const, value: { userId: user.id, email: user.email } };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_unique")) {
      return fail("An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}

export async function listPendingInvites({ db, actor, now = new Date() }: { db: Db; actor: Actor; now?: Date }) {
  requirePermission(actor, "users.invite");
  return db
    .select({ id: invites.id, email: invites.email, asAdmin: invites.asAdmin, expiresAt: invites.expiresAt })
    .from(invites)
    .where(and(eq(invites.accountId, actor.accountId), isNull(invites.acceptedAt), gt(invites.expiresAt, now)))
    .orderBy(desc(invites.createdAt));
}

import { z } from "zod";
import type { Db } from "@/db/database";
import { accounts, accountSeats, groupMembers, groups, users } from "@/db/schema";
import { hashPassword, passwordSchema } from "@/lib/auth/passwords";
import { emailSchema, personNameSchema } from "@/lib/auth/person-fields";
import { fail, fromZodError, isUniqueViolation, type Result } from "@/lib/result";
import { includedFreeSeats } from "@/lib/seats/included-seats";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { queueMail } from "@/lib/delivery/queue-mail";
import { alreadyHasAccountText } from "./already-has-account-mail";

/** Sign-ups per client address per hour (SIGN_UP_LIMIT_PER_IP; the end-to-end tests raise it). */
export const signUpLimit = () => ({ limit: Number(process.env.SIGN_UP_LIMIT_PER_IP) || 10, windowSeconds: 3600 });

export const signUpInput = z.object({
  name: personNameSchema,
  accountName: z
    .string({ error: "Enter your company or team name." })
    .trim()
    .min(1, "Enter your company or team name.")
    .max(100, "Use at most 100 characters for the account name."),
  email: emailSchema,
  password: passwordSchema,
});

export const ADMIN_GROUP_NAME = "Admin";

/**
 * Creates an account, its Admin group and its Primary Account Admin, in one transaction. With
 * `client` (the sign-up page passes the client's address), limited per address per hour. With
 * `appUrl` (the sign-up page passes it), a duplicate also mails the address's owner, once an hour.
 */
export async function signUp({
  db,
  input,
  client,
  appUrl,
  now,
  env = process.env,
}: {
  db: Db;
  input: unknown;
  client?: string;
  appUrl?: string;
  now?: Date;
  /** INCLUDED_FREE_SEATS is read from here. */
  env?: Record<string, string | undefined>;
}): Promise<Result<{ accountId: string; userId: string }>> {
  const parsed = signUpInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  if (client !== undefined) {
    const limited = await hitRateLimit({ db, key: `sign-up:ip:${client}`, ...signUpLimit(), now });
    if (!limited.allowed) return fail("Too many new accounts from your network. Try again in an hour.");
  }
  const { name, accountName, email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => ({ ok: true as const, value: await createAccountWithAdmin({ tx, name, accountName, email, passwordHash, env }) }));
  } catch (error) {
    if (isUniqueViolation(error, "users_email_unique")) {
      if (appUrl !== undefined) await tellOwnerOfAttempt({ db, email, appUrl, now });
      return fail("An account with this email already exists. Sign in instead.", {
        email: "An account with this email already exists. Sign in instead.",
      });
    }
    throw error;
  }
}

/** The one home of what a new account is made of: the account, its seats, its Admin group and its Primary Account Admin. */
export async function createAccountWithAdmin({
  tx,
  name,
  accountName,
  email,
  passwordHash,
  env,
}: {
  tx: Db;
  name: string;
  accountName: string;
  email: string;
  passwordHash: string;
  env: Record<string, string | undefined>;
}): Promise<{ accountId: string; userId: string }> {
  const [account] = await tx.insert(accounts).values({ name: accountName }).returning();
  await tx.insert(accountSeats).values({ accountId: account.id, included: includedFreeSeats(env) });
  const [adminGroup] = await tx.insert(groups).values({ accountId: account.id, name: ADMIN_GROUP_NAME, isAdminGroup: true }).returning();
  const [user] = await tx
    .insert(users)
    .values({ accountId: account.id, email, name, passwordHash, isPrimaryAdmin: true })
    .returning();
  await tx.insert(groupMembers).values({ accountId: account.id, groupId: adminGroup.id, userId: user.id });
  return { accountId: account.id, userId: user.id };
}

/** Once an hour at most, so sign-up attempts cannot flood someone's mailbox. */
export async function tellOwnerOfAttempt({ db, email, appUrl, now }: { db: Db; email: string; appUrl: string; now?: Date }) {
  const throttle = await hitRateLimit({ db, key: `sign-up:already-has-account:${email}`, limit: 1, windowSeconds: 3600, now });
  if (!throttle.allowed) return;
  await queueMail({ tx: db, mail: { to: email, subject: "Someone tried to create an account with your address", text: alreadyHasAccountText({ appUrl, email }) } });
}

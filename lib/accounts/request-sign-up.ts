import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { pendingSignUps, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import { queueMail } from "@/lib/delivery/queue-mail";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { fail, fromZodError, type Result } from "@/lib/result";
import { signUpInput, signUpLimit, tellOwnerOfAttempt } from "./sign-up";

export const SIGN_UP_LINK_HOURS = 24;
export const SIGN_UP_MAIL_SUBJECT = "Finish creating your Conversations account";

export const hashSignUpToken = (token: string) => createHash("sha256").update(token).digest("hex");

export const checkEmailMessage = (email: string) => `Check your email: we sent a link to ${email} to finish creating your account.`;

export function signUpLinkText({ link }: { link: string }): string {
  return [
    "Someone (we hope you) started creating a Conversations account with this address.",
    "",
    `To finish, open this link and confirm (it works once, for ${SIGN_UP_LINK_HOURS} hours): ${link}`,
    "",
    "If it was not you, ignore this mail: no account is created without it.",
    "",
  ].join("\n");
}

/**
 * The sign-up page's command (issue 12, decision 0060). It answers the same for a free and a
 * taken address, so the page no longer tells anyone whether an address has an account: a free
 * address gets a pending sign-up and a confirmation link by mail; a taken one the "already has
 * an account" mail (at most once an hour). `logLink` is for installations without outbound mail.
 */
export async function requestSignUp({
  db,
  input,
  client,
  appUrl,
  now = new Date(),
  logLink,
}: {
  db: Db;
  input: unknown;
  client: string;
  appUrl: string;
  now?: Date;
  logLink?: (line: string) => void;
}): Promise<Result<{ message: string }>> {
  const parsed = signUpInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const limited = await hitRateLimit({ db, key: `sign-up:ip:${client}`, ...signUpLimit(), now });
  if (!limited.allowed) return fail("Too many new accounts from your network. Try again in an hour.");
  const { name, accountName, email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (taken) {
    await tellOwnerOfAttempt({ db, email, appUrl, now });
  } else {
    const token = randomBytes(32).toString("base64url");
    const link = `${appUrl.replace(/\/$/, "")}/sign-up/confirm/${token}`;
    const expiresAt = new Date(now.getTime() + SIGN_UP_LINK_HOURS * 3600_000);
    await db.transaction(async (tx) => {
      await tx.insert(pendingSignUps).values({ email, name, accountName, passwordHash, tokenHash: hashSignUpToken(token), expiresAt });
      await queueMail({ tx, mail: { to: email, subject: SIGN_UP_MAIL_SUBJECT, text: signUpLinkText({ link }) } });
    });
    logLink?.(`Sign-up confirmation link for ${email}: ${link}`);
  }
  return { ok: true, value: { message: checkEmailMessage(email) } };
}

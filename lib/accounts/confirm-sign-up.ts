import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/database";
import { pendingSignUps, users } from "@/db/schema";
import { isUniqueViolation } from "@/lib/result";
import { hashSignUpToken } from "./request-sign-up";
import { createAccountWithAdmin } from "./sign-up";

export type ConfirmSignUpFailure = "link_unusable" | "email_taken";

export const confirmSignUpMessages: Record<ConfirmSignUpFailure, string> = {
  link_unusable: "This link has expired or was already used. Sign up again to get a new one.",
  email_taken: "An account with this email already exists. Sign in instead.",
};

/**
 * Consumes a mailed sign-up link and creates the account exactly as signUp does. The token is
 * taken by one conditional UPDATE in the account's transaction, so two racing confirms create
 * one account; an address taken since the request creates nothing (the link stays unused).
 */
export async function confirmSignUp({
  db,
  token,
  now = new Date(),
  env = process.env,
}: {
  db: Db;
  token: unknown;
  now?: Date;
  env?: Record<string, string | undefined>;
}): Promise<{ ok: true; userId: string; accountId: string; sessionVersion: number } | { ok: false; reason: ConfirmSignUpFailure }> {
  if (typeof token !== "string" || token.length < 20 || token.length > 200) return { ok: false, reason: "link_unusable" };
  try {
    return await db.transaction(async (tx) => {
      const [pending] = await tx
        .update(pendingSignUps)
        .set({ usedAt: now })
        .where(and(eq(pendingSignUps.tokenHash, hashSignUpToken(token)), isNull(pendingSignUps.usedAt), gt(pendingSignUps.expiresAt, now)))
        .returning();
      if (!pending) return { ok: false as const, reason: "link_unusable" as const };
      const created = await createAccountWithAdmin({ tx, ...pending, env });
      const [user] = await tx.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, created.userId));
      return { ok: true as const, ...created, sessionVersion: user.sessionVersion };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_unique")) return { ok: false, reason: "email_taken" };
    throw error;
  }
}

import bcrypt from "bcryptjs";
import { z } from "zod";

const cost = Number(process.env.BCRYPT_COST ?? 10);

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(10, "Use at least 10 characters for your password.")
  .max(200, "Use at most 200 characters for your password.")
  .refine((p) => /[a-zA-Z]/.test(p) && /[^a-zA-Z]/.test(p), "Mix letters with numbers or symbols in your password.");

export function hashPassword(password: string) {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string) {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so both paths take the same time.
const unknownUserHash = bcrypt.hashSync("no user has this password", cost);

export function verifyAgainstNobody(password: string) {
  return bcrypt.compare(password, unknownUserHash).then(() => false);
}

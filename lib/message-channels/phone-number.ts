import { z } from "zod";

/** E.164: "+", country code, up to 15 digits in all (spaces, dashes and brackets are tolerated in input). */
export const e164 = z
  .string({ error: "Enter a phone number." })
  .trim()
  .transform((v) => v.replace(/[\s().-]/g, ""))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, "Enter the number in international format, e.g. +14155550100."));

"use server";

import { headers } from "next/headers";
import { appUrl } from "@/app/app-url";
import { formInput } from "@/app/command-action";
import { getDb } from "@/db/client";
import type { SignUpFormState } from "@/components/auth/form-state";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { requestSignUp } from "@/lib/accounts/request-sign-up";
import { signUpInput } from "@/lib/accounts/sign-up";

/**
 * Sign-up, limited per client address (the socket's, or a trusted proxy's forwarded one). It
 * answers "check your email" for every address (issue 12); without SMTP_URL no mail leaves the
 * server, so the link is printed to the server's log and the page says so.
 */
export async function signUpAction(_previous: SignUpFormState, form: FormData): Promise<SignUpFormState> {
  const client = clientAddress(await headers());
  const noOutboundMail = !process.env.SMTP_URL;
  const result = await requestSignUp({
    db: await getDb(),
    input: formInput(form, signUpInput),
    client,
    appUrl: await appUrl(),
    logLink: noOutboundMail ? (line) => console.info(line) : undefined,
  });
  if (!result.ok) {
    const values = Object.fromEntries(["name", "accountName", "email"].map((key) => [key, String(form.get(key) ?? "")]));
    return { error: result.error, fieldErrors: result.fieldErrors, values };
  }
  return { sent: result.value.message, noOutboundMail };
}

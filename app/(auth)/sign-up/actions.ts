"use server";

import { headers } from "next/headers";
import { appUrl } from "@/app/app-url";
import { guestFormAction } from "@/app/command-action";
import type { Db } from "@/db/database";
import { clientAddress } from "@/lib/rate-limit/client-address";
import { signInAndOpenInbox } from "@/app/(auth)/open-inbox";
import { signUp, signUpInput } from "@/lib/accounts/sign-up";

/** Sign-up, limited per client address (the socket's, or a trusted proxy's forwarded one). */
export async function signUpAction(previous: unknown, form: FormData) {
  const client = clientAddress(await headers());
  const origin = await appUrl();
  return guestFormAction((args: { db: Db; input: unknown }) => signUp({ ...args, client, appUrl: origin }), {
    input: signUpInput,
    keep: ["name", "accountName", "email"],
    onSuccess: (_account, form) => signInAndOpenInbox(String(form.get("email")), String(form.get("password"))),
  })(previous, form);
}

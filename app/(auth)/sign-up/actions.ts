"use server";

import { guestFormAction } from "@/app/command-action";
import { signInAndOpenInbox } from "@/app/(auth)/open-inbox";
import { signUp, signUpInput } from "@/lib/accounts/sign-up";

export const signUpAction = guestFormAction(signUp, {
  input: signUpInput,
  keep: ["name", "accountName", "email"],
  onSuccess: (_account, form) => signInAndOpenInbox(String(form.get("email")), String(form.get("password"))),
});

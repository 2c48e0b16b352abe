"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/app/(auth)/auth";
import { confirmSignUpMessages, type ConfirmSignUpFailure } from "@/lib/accounts/confirm-sign-up";

export type ConfirmSignUpState = { error?: string; reason?: ConfirmSignUpFailure };

/** The confirm button: the "sign-up-link" provider consumes the token, creates the account and signs its owner in. */
export async function confirmSignUpAction(_: ConfirmSignUpState, form: FormData): Promise<ConfirmSignUpState> {
  try {
    await signIn("sign-up-link", { token: String(form.get("token") ?? ""), redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const reason: ConfirmSignUpFailure = error.code === "email_taken" ? "email_taken" : "link_unusable";
      return { error: confirmSignUpMessages[reason], reason };
    }
    throw error;
  }
  redirect("/inbox");
}

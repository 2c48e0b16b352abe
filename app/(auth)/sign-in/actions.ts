"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import type { AuthFormState } from "@/components/auth/form-state";
import { signIn } from "@/app/(auth)/auth";
import { signInMessages, type SignInFailure } from "@/lib/auth/sign-in";

export async function signInAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  if (!email.trim() || !password) {
    return { error: signInMessages.invalid_input, values: { email } };
  }
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const message = signInMessages[error.code as SignInFailure] ?? signInMessages.wrong_credentials;
      return { error: message, values: { email } };
    }
    throw error;
  }
  redirect("/inbox");
}

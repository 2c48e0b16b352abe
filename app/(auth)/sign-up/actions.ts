"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { AuthFormState } from "@/components/auth/form-state";
import { signUp } from "@/lib/accounts/sign-up";
import { signIn } from "@/app/(auth)/auth";

export async function signUpAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const input = {
    name: String(form.get("name") ?? ""),
    accountName: String(form.get("accountName") ?? ""),
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
  };
  const result = await signUp({ db: await getDb(), input });
  if (!result.ok) {
    const { password: _password, ...values } = input;
    return { error: result.error, fieldErrors: result.fieldErrors, values };
  }
  await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  redirect("/inbox");
}

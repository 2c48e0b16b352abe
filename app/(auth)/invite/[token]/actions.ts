"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import type { AuthFormState } from "@/components/auth/form-state";
import { acceptInvite } from "@/lib/accounts/invites";
import { signIn } from "@/app/(auth)/auth";

export async function acceptInviteAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const input = {
    token: String(form.get("token") ?? ""),
    name: String(form.get("name") ?? ""),
    password: String(form.get("password") ?? ""),
  };
  const result = await acceptInvite({ db: await getDb(), input });
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors, values: { name: input.name } };
  await signIn("credentials", { email: result.value.email, password: input.password, redirect: false });
  redirect("/inbox");
}

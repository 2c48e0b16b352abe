"use client";

import Link from "next/link";
import { useActionState } from "react";
import { confirmSignUpAction, type ConfirmSignUpState } from "@/app/(auth)/sign-up/confirm/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function ConfirmSignUpForm({ token }: { token: string }) {
  const [state, action] = useActionState<ConfirmSignUpState, FormData>(confirmSignUpAction, {});
  if (state.error) {
    const next = state.reason === "email_taken" ? { href: "/sign-in", label: "Sign in" } : { href: "/sign-up", label: "Sign up again" };
    return (
      <div className="space-y-4">
        <Alert>{state.error}</Alert>
        <Link href={next.href} className="font-medium text-brand-600 hover:underline">
          {next.label}
        </Link>
      </div>
    );
  }
  return (
    <form action={action}>
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Creating your account…" className="w-full">
        Confirm and create account
      </SubmitButton>
    </form>
  );
}

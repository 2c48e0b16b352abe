"use client";

import { useActionState } from "react";
import { acceptInviteAction } from "@/app/(auth)/invite/[token]/actions";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { AuthFormState } from "./form-state";

export function InviteForm({ token }: { token: string }) {
  const [state, action] = useActionState<AuthFormState, FormData>(acceptInviteAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.error && !Object.keys(errors).length ? <Alert>{state.error}</Alert> : null}
      <Field label="Your name" name="name" autoComplete="name" defaultValue={state.values?.name} error={errors.name} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint="At least 10 characters, with a number or symbol."
      />
      <SubmitButton pendingLabel="Joining…" className="w-full">
        Join
      </SubmitButton>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { signUpAction } from "@/app/(auth)/sign-up/actions";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SignUpFormState } from "./form-state";

export function SignUpForm() {
  const [state, action] = useActionState<SignUpFormState, FormData>(signUpAction, {});
  const errors = state.fieldErrors ?? {};
  if (state.sent) {
    return (
      <div className="space-y-3">
        <Alert tone="success">{state.sent}</Alert>
        {state.noOutboundMail ? (
          <p className="text-sm text-slate-600">
            This installation sends no mail (SMTP_URL is not set): the link is in the server&apos;s log.
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && !Object.keys(errors).length ? <Alert>{state.error}</Alert> : null}
      <Field label="Your name" name="name" autoComplete="name" defaultValue={state.values?.name} error={errors.name} />
      <Field label="Company or team" name="accountName" autoComplete="organization" defaultValue={state.values?.accountName} error={errors.accountName} />
      <Field label="Work email" name="email" type="email" autoComplete="email" defaultValue={state.values?.email} error={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint="At least 10 characters, with a number or symbol."
      />
      <SubmitButton pendingLabel="Creating your account…" className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}

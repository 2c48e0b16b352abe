"use client";

import { startTransition, useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** What a card's action hands back (the shape of command-action's FormState). */
export type CardFormState = { ok?: boolean; error?: string; fieldErrors?: Record<string, string> };
export type CardAction = (state: CardFormState, form: FormData) => Promise<CardFormState>;

/**
 * One small form of a channel card: its fields (children, uncontrolled), a submit button, the
 * error or success message. Submitted without the automatic reset, so a refused entry stays
 * in its field to be corrected. `confirm` asks first (e.g. rotating a key).
 */
export function SettingsForm({
  action,
  children,
  submitLabel,
  pendingLabel,
  successMessage,
  confirm,
  variant,
  label,
  className = "space-y-3",
}: {
  action: CardAction;
  children?: React.ReactNode;
  submitLabel: string;
  pendingLabel: string;
  successMessage?: string;
  confirm?: string;
  variant?: "primary" | "secondary" | "danger";
  label?: string;
  className?: string;
}) {
  const [state, dispatch] = useActionState<CardFormState, FormData>(action, {});
  return (
    <form
      aria-label={label}
      className={className}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const form = new FormData(event.currentTarget);
        startTransition(() => dispatch(form));
      }}
    >
      {children}
      {state.error ? <Alert>{state.error}</Alert> : null}
      {state.ok && successMessage ? <Alert tone="success">{successMessage}</Alert> : null}
      <SubmitButton pendingLabel={pendingLabel} variant={variant}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

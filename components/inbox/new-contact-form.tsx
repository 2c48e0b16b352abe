"use client";

import { startTransition, useActionState, useEffect } from "react";
import { createContactAction, type ContactFormState } from "@/app/(dashboard)/inbox/actions";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ContactSummary } from "@/lib/inbox/queries/contacts";

/** "New contact": name, email, phone. `onCreated` gets the new contact (New conversation picks it). */
export function NewContactForm({ onCreated, submitLabel = "Create contact" }: { onCreated?: (contact: ContactSummary) => void; submitLabel?: string }) {
  const [state, dispatch] = useActionState<ContactFormState, FormData>(createContactAction, {});
  useEffect(() => {
    if (state.ok && state.contact) onCreated?.(state.contact);
  }, [state, onCreated]);
  return (
    <form
      aria-label="New contact"
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // Not a nested <form> submission: stop it reaching an enclosing dialog form.
        event.stopPropagation();
        const form = new FormData(event.currentTarget);
        startTransition(() => dispatch(form));
      }}
    >
      <Field label="Name" name="name" maxLength={200} error={state.fieldErrors?.name} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Email" name="email" type="email" placeholder="name@example.com" error={state.fieldErrors?.email} />
        <Field label="Phone" name="phone" type="tel" placeholder="+14155550100" error={state.fieldErrors?.phone} />
      </div>
      {state.error && !state.fieldErrors ? <Alert>{state.error}</Alert> : null}
      {state.ok && state.contact && !onCreated ? (
        <Alert tone="success">
          {state.contact.name} was added. Start a conversation with them from the inbox → New conversation.
        </Alert>
      ) : null}
      <SubmitButton pendingLabel="Creating…" variant="secondary">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

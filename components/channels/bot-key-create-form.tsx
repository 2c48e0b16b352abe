"use client";

import { startTransition, useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyButton } from "./copy-button";
import type { CardFormState } from "./settings-form";

export type BotKeyFormState = CardFormState & { key?: string };

/** Creates a bot API key and shows it this once; afterwards only its last 4 characters are known. */
export function BotKeyCreateForm({ action }: { action: (state: BotKeyFormState, form: FormData) => Promise<BotKeyFormState> }) {
  const [state, dispatch] = useActionState<BotKeyFormState, FormData>(action, {});
  return (
    <form
      aria-label="Create a bot API key"
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        startTransition(() => dispatch(form));
      }}
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field label="Key name" name="name" placeholder="Order status bot" maxLength={100} error={state.fieldErrors?.name} />
        </div>
        <SubmitButton pendingLabel="Creating…" variant="secondary">
          Create key
        </SubmitButton>
      </div>
      {state.error && !state.fieldErrors?.name ? <Alert>{state.error}</Alert> : null}
      {state.key ? (
        <Alert tone="success">
          <p className="font-medium">Copy this key now: it is shown only once.</p>
          <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
            <code data-testid="new-bot-key" className="min-w-0 flex-1 break-all rounded bg-white/80 px-2 py-1 text-xs">
              {state.key}
            </code>
            <CopyButton text={state.key} label="Copy key" />
          </div>
        </Alert>
      ) : null}
    </form>
  );
}

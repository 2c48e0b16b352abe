"use client";

import { useActionState } from "react";
import { inviteAction, type InviteFormState } from "@/app/(dashboard)/settings/team/actions";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function InviteForm() {
  const [state, action] = useActionState<InviteFormState, FormData>(inviteAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && !state.fieldErrors ? <Alert>{state.error}</Alert> : null}
      {state.link ? (
        <Alert tone="success">
          Invite sent to {state.email}. You can also share this link:{" "}
          <code className="break-all rounded bg-white/70 px-1" data-testid="invite-link">
            {state.link}
          </code>
        </Alert>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field label="Email address" name="email" type="email" placeholder="teammate@company.com" error={state.fieldErrors?.email} />
        </div>
        <SubmitButton pendingLabel="Sending…">Send invite</SubmitButton>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="asAdmin" className="h-4 w-4 rounded border-slate-300" /> Make them an admin
      </label>
    </form>
  );
}

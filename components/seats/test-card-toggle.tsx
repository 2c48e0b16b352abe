"use client";

import { useActionState } from "react";
import { testCardAction, type SeatFormState } from "@/app/(dashboard)/settings/conversations/seats/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export function TestCardToggle({ declines }: { declines: boolean }) {
  const [state, action] = useActionState<SeatFormState, FormData>(testCardAction, {});
  return (
    <form action={action} className="space-y-2">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="declines" defaultChecked={declines} className="h-4 w-4" /> Decline every charge to this card
      </label>
      <SubmitButton pendingLabel="Saving…" variant="secondary">
        Save test card
      </SubmitButton>
      {state.error ? <Alert>{state.error}</Alert> : state.done ? <Alert tone="success">{state.done}</Alert> : null}
    </form>
  );
}

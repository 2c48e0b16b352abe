"use client";

import { useActionState, useEffect, useState } from "react";
import { payPastDueAction, type SeatFormState } from "@/app/(dashboard)/settings/conversations/seats/actions";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * "Pay now" for a past-due renewal: after a decline, another try is a new attempt (a new idempotency
 * key). Stays mounted once paid (pastDue null) so its confirmation outlives the page's refresh.
 */
export function PayNowForm({ pastDue }: { pastDue: { graceEndsAt: string; readOnly: boolean } | null }) {
  const [state, action] = useActionState<SeatFormState, FormData>(payPastDueAction, {});
  const [key, setKey] = useState(() => crypto.randomUUID());
  useEffect(() => {
    if (state.error) setKey(crypto.randomUUID());
  }, [state]);
  if (state.done) return <Alert tone="success">{state.done}</Alert>;
  if (!pastDue) return null;
  const { graceEndsAt, readOnly } = pastDue;
  return (
    <form action={action} className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4" data-testid="pay-now">
      <p className="text-sm text-red-900">
        <strong>Payment failed — update your card.</strong> The renewal could not be charged.{" "}
        {readOnly ? "The inbox is read-only until it is paid." : `The inbox stays writable until ${graceEndsAt}.`} Update the card below, then pay.
      </p>
      <input type="hidden" name="idempotencyKey" value={key} />
      {state.error ? <Alert>{state.error}</Alert> : null}
      {state.confirmUrl ? (
        <a href={state.confirmUrl} target="_blank" rel="noreferrer" className={buttonClass("primary")}>
          Confirm your payment
        </a>
      ) : (
        <SubmitButton pendingLabel="Paying…">Pay now</SubmitButton>
      )}
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { contactSalesAction, type SeatFormState } from "@/app/(dashboard)/settings/conversations/seats/actions";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ContactSalesForm({ minSeats }: { minSeats: number }) {
  const [state, action] = useActionState<SeatFormState, FormData>(contactSalesAction, {});
  if (state.done) return <Alert tone="success">{state.done}</Alert>;
  return (
    <form action={action} className="space-y-4 rounded-md border border-slate-200 p-4" noValidate>
      <div>
        <h3 className="text-sm font-semibold">Contact Sales</h3>
        <p className="text-sm text-slate-600">For more than {minSeats - 1} seats, our sales team prepares an offer.</p>
      </div>
      {state.error && !state.fieldErrors ? <Alert>{state.error}</Alert> : null}
      <Field label="Seats needed" name="seats" type="number" min={minSeats} defaultValue={minSeats} error={state.fieldErrors?.seats} />
      <Field label="Contact email" name="contactEmail" type="email" error={state.fieldErrors?.contactEmail} />
      <div className="space-y-1">
        <label htmlFor="contact-message" className="block text-sm font-medium text-slate-700">
          Message (optional)
        </label>
        <textarea id="contact-message" name="message" rows={3} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
      </div>
      <SubmitButton pendingLabel="Sending…">Contact Sales</SubmitButton>
    </form>
  );
}

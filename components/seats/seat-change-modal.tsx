"use client";

import { useActionState, useEffect, useState } from "react";
import { confirmSeatsAction, removeSeatsAction, type SeatFormState } from "@/app/(dashboard)/settings/conversations/seats/actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SeatChangePreview } from "@/lib/billing/seat-change";
import { formatMoney } from "@/lib/billing/prices";

/** "Update" → this dialog: the new total per period and what is charged now; nothing is charged before confirming. */
export function SeatChangeModal({ preview, removalPolicy, onClose }: { preview: SeatChangePreview; removalPolicy: string; onClose: () => void }) {
  const removal = preview.kind === "removal";
  const [state, confirmAction] = useActionState<SeatFormState, FormData>(removal ? removeSeatsAction : confirmSeatsAction, {});
  // After a refusal (a declined card), "try again" is a new attempt: a new idempotency key, not
  // the replay of the cached decline. Within one attempt (a double click) the key stays.
  const [idempotencyKey, setIdempotencyKey] = useState(preview.idempotencyKey);
  useEffect(() => {
    if (state.error) setIdempotencyKey(crypto.randomUUID());
  }, [state]);
  const money = (cents: number) => formatMoney(cents, preview.currency);
  const period = preview.cycle === "year" ? "year" : "month";
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 px-4">
      <div role="dialog" aria-modal="true" aria-labelledby="seat-change-title" className="w-full max-w-md rounded-lg bg-white p-6 shadow-xl">
        <h2 id="seat-change-title" className="text-lg font-semibold">
          {removal ? "Remove seats" : "Confirm your seats"}
        </h2>
        {state.confirmUrl ? (
          <div className="mt-4 space-y-4">
            <Alert tone="info">
              Your bank asks you to confirm this payment. No seats are added until it is paid.
            </Alert>
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={onClose}>
                Close
              </Button>
              <a href={state.confirmUrl} target="_blank" rel="noreferrer" className={buttonClass("primary")}>
                Confirm your payment
              </a>
            </div>
          </div>
        ) : state.done ? (
          <div className="mt-4 space-y-4">
            <Alert tone="success">{state.done}</Alert>
            <Button onClick={onClose}>Close</Button>
          </div>
        ) : (
          <form action={confirmAction} className="mt-4 space-y-4">
            <dl className="space-y-2 text-sm">
              <div className="flex justify-between">
                <dt className="text-slate-600">Seats</dt>
                <dd>
                  {preview.currentSeats} → <span className="font-semibold">{preview.seats}</span>
                </dd>
              </div>
              <div className="flex justify-between">
                <dt className="text-slate-600">New total per {period}</dt>
                <dd className="font-semibold" data-testid="new-total">
                  {money(preview.newTotalPerPeriod)}
                </dd>
              </div>
              <div className="flex justify-between">
                <dt className="text-slate-600">Charged now</dt>
                <dd className="font-semibold" data-testid="charged-now">
                  {money(preview.chargedNow)}
                </dd>
              </div>
            </dl>
            {preview.endsTrial ? (
              <Alert tone="info">
                Your trial ends now: its {preview.endsTrial.trialSeats} trial seats are replaced by the {preview.seats} seats you buy, and{" "}
                {money(preview.chargedNow)} is charged now for the first {period}.
              </Alert>
            ) : null}
            <p className="text-xs text-slate-500">
              {removal
                ? removalPolicy
                : preview.prorationDate !== null
                  ? `Charged now to your payment method: the added seats, prorated for the rest of this ${period}. Every following ${period} costs ${money(preview.newTotalPerPeriod)}.`
                  : `Charged now to your payment method for the first ${period}; then ${money(preview.newTotalPerPeriod)} every ${period}.`}
            </p>
            <input type="hidden" name="seats" value={preview.seats} />
            <input type="hidden" name="cycle" value={preview.cycle} />
            <input type="hidden" name="prorationDate" value={preview.prorationDate ?? ""} />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            {state.error ? <Alert>{state.error}</Alert> : null}
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={onClose}>
                Cancel
              </Button>
              {preview.kind === "none" ? null : (
                <SubmitButton pendingLabel="Confirming…" variant={removal ? "danger" : "primary"}>
                  {removal ? "Confirm seat removal" : state.error ? "Try again" : "Confirm seat purchase"}
                </SubmitButton>
              )}
            </div>
          </form>
        )}
      </div>
    </div>
  );
}

"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { previewSeatsAction, type SeatFormState } from "@/app/(dashboard)/settings/conversations/seats/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatMoney, type BillingCycle } from "@/lib/billing/prices";
import { ContactSalesForm } from "./contact-sales-form";
import { SeatChangeModal } from "./seat-change-modal";

type Props = {
  canManage: boolean;
  currentSeats: number;
  included: number;
  occupied: number;
  minSeats: number;
  maxSeats: number;
  unitAmounts: Record<BillingCycle, number>;
  currency: string;
  /** The subscription's cycle; null before the first purchase (the buyer chooses). */
  fixedCycle: BillingCycle | null;
  removalPolicy: string;
};

const per = { month: "per month", year: "per year" };

export function SeatPlanner(props: Props) {
  const { canManage, currentSeats, included, occupied, minSeats, maxSeats, unitAmounts, currency, fixedCycle } = props;
  const [seats, setSeats] = useState(Math.min(Math.max(currentSeats, minSeats), maxSeats));
  const [cycle, setCycle] = useState<BillingCycle>(fixedCycle ?? "month");
  const [state, previewAction] = useActionState<SeatFormState, FormData>(previewSeatsAction, {});
  const [dismissed, setDismissed] = useState<string | null>(null);
  const overMax = seats > maxSeats;
  const total = unitAmounts[cycle] * seats;
  const preview = state.preview && state.preview.idempotencyKey !== dismissed ? state.preview : null;

  return (
    <div className="space-y-5">
      <form action={previewAction} className="space-y-4">
        {!fixedCycle ? (
          <fieldset className="flex gap-4 text-sm" disabled={!canManage}>
            <legend className="mb-1 text-sm font-medium text-slate-700">Billing period</legend>
            {(["month", "year"] as const).map((c) => (
              <label key={c} className="flex items-center gap-2">
                <input type="radio" name="cycle" value={c} checked={cycle === c} onChange={() => setCycle(c)} />
                {c === "month" ? "Monthly" : "Yearly (12 × monthly)"}
              </label>
            ))}
          </fieldset>
        ) : (
          <input type="hidden" name="cycle" value={cycle} />
        )}
        <div>
          <div className="flex items-baseline justify-between">
            <label htmlFor="seat-slider" className="text-sm font-medium text-slate-700">
              Seats
            </label>
            <span className="text-2xl font-semibold text-slate-900" data-testid="seat-count" aria-live="polite">
              {overMax ? `More than ${maxSeats}` : seats}
            </span>
          </div>
          <input
            id="seat-slider"
            type="range"
            name="seats"
            min={minSeats}
            max={maxSeats + 1}
            step={1}
            value={seats}
            disabled={!canManage}
            onChange={(e) => setSeats(Number(e.target.value))}
            className="mt-2 w-full accent-brand-600"
            aria-valuetext={overMax ? `More than ${maxSeats} seats` : `${seats} seats`}
          />
          <div className="flex justify-between text-xs text-slate-500">
            <span>{minSeats}</span>
            <span>{maxSeats}+</span>
          </div>
        </div>
        <p className="text-sm text-slate-600">
          {occupied} {occupied === 1 ? "seat is" : "seats are"} occupied — the slider can’t go below them. To free seats, change who is an Agent in{" "}
          <Link href="/settings/conversations/roles" className="font-medium text-brand-700 underline">
            Roles
          </Link>
          .
        </p>
        {!overMax ? (
          <div className="flex flex-wrap items-center justify-between gap-4 rounded-md bg-slate-50 px-4 py-3">
            <p className="text-sm">
              <span className="font-semibold" data-testid="selection-total">
                {formatMoney(total, currency)} {per[cycle]}
              </span>{" "}
              <span className="text-slate-600">
                for {seats} {seats === 1 ? "seat" : "seats"} × {formatMoney(unitAmounts[cycle], currency)}
                {included > 0 ? ` (+ ${included} included free ${included === 1 ? "seat" : "seats"})` : ""}
              </span>
            </p>
            {canManage ? (
              <SubmitButton pendingLabel="Checking price…">Update</SubmitButton>
            ) : null}
          </div>
        ) : null}
        {state.error && !preview ? <Alert>{state.error}</Alert> : null}
      </form>
      {overMax ? <ContactSalesForm minSeats={maxSeats + 1} /> : null}
      {!canManage ? <Alert tone="info">Only the primary admin can change seats. You can see them here.</Alert> : null}
      {preview ? (
        <SeatChangeModal key={preview.idempotencyKey} preview={preview} removalPolicy={props.removalPolicy} onClose={() => setDismissed(preview.idempotencyKey)} />
      ) : null}
    </div>
  );
}

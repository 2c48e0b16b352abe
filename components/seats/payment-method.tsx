import { billingPortalAction } from "@/app/(dashboard)/settings/conversations/seats/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import type { PaymentMethodInfo } from "@/lib/billing/provider";
import { TestCardToggle } from "./test-card-toggle";

export function PaymentMethod({ method, canManage }: { method: PaymentMethodInfo; canManage: boolean }) {
  if (method.kind === "portal") {
    return canManage ? (
      <form action={billingPortalAction} className="space-y-2">
        <p className="text-sm text-slate-600">Your card and billing details are kept by Stripe.</p>
        <SubmitButton pendingLabel="Opening…" variant="secondary">
          Manage payment method
        </SubmitButton>
      </form>
    ) : (
      <p className="text-sm text-slate-600">The primary admin manages the payment method in Stripe.</p>
    );
  }
  return (
    <div className="space-y-3 rounded-md border-2 border-dashed border-amber-300 bg-amber-50 p-4" data-testid="test-mode-box">
      <p className="text-xs font-semibold uppercase tracking-wide text-amber-800">Test mode — no real money moves</p>
      <p className="text-sm">
        Test card: {method.brand.toUpperCase()} •••• {method.last4}, expires {String(method.expMonth).padStart(2, "0")}/{method.expYear}
        {method.declines ? " — set to decline" : ""}
      </p>
      {canManage ? <TestCardToggle declines={method.declines} /> : null}
    </div>
  );
}

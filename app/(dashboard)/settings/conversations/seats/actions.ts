"use server";

import { redirect } from "next/navigation";
import { appUrl } from "@/app/app-url";
import { formAction, submitAction, type FormState, type RevalidatePath } from "@/app/command-action";
import { openBillingPortal } from "@/lib/billing/billing-portal";
import { requestContactSales } from "@/lib/billing/contact-sales";
import { setTestCardDeclines } from "@/lib/billing/local-provider-card";
import { payPastDueInvoice } from "@/lib/billing/pay-past-due";
import { removeSeats } from "@/lib/billing/remove-seats";
import { confirmSeatPurchase, previewSeatChange, type SeatChangePreview } from "@/lib/billing/seat-change";
import { startTrial } from "@/lib/billing/start-trial";

export type SeatFormState = FormState & { preview?: SeatChangePreview; done?: string; confirmUrl?: string };

const SEATS_PATH = "/settings/conversations/seats";
const seatPages: RevalidatePath[] = [SEATS_PATH, ["/settings/conversations", "layout"]];
const purchased = ({ purchased }: { purchased: number }) => ({ done: `You now have ${purchased} purchased seats.` });

export const previewSeatsAction = formAction(previewSeatChange, { onSuccess: (preview) => ({ preview }) });
// A declined payment is committed too (its failed invoice is listed), so the page refreshes either way.
export const confirmSeatsAction = formAction(confirmSeatPurchase, {
  revalidate: seatPages,
  revalidateOnFailure: true,
  with: async () => ({ returnUrl: `${await appUrl()}${SEATS_PATH}` }),
  onSuccess: (value): { done?: string; confirmUrl?: string } => {
    // A first Stripe purchase: on to Stripe Checkout (its webhooks grant the seats).
    if (value.status === "redirect") redirect(value.url);
    // 3-D Secure: the modal shows "Confirm your payment" with Stripe's hosted invoice page.
    if (value.status === "action_required") return { confirmUrl: value.url };
    return purchased(value);
  },
});
export const removeSeatsAction = formAction(removeSeats, { revalidate: seatPages, onSuccess: purchased });
export const startTrialAction = formAction(startTrial, { revalidate: seatPages, onSuccess: () => redirect(SEATS_PATH) });
export const contactSalesAction = formAction(requestContactSales, { onSuccess: () => ({ done: "Thanks — our sales team will contact you shortly." }) });
export const testCardAction = formAction(setTestCardDeclines, {
  revalidate: [SEATS_PATH],
  onSuccess: ({ declines }) => ({ done: declines ? "The test card now declines every charge." : "The test card now accepts charges." }),
});
export const billingPortalAction = submitAction(openBillingPortal, {
  with: async () => ({ returnUrl: `${await appUrl()}${SEATS_PATH}` }),
  onSuccess: ({ url }) => (url ? redirect(url) : {}),
});
export const payPastDueAction = formAction(payPastDueInvoice, {
  revalidate: seatPages,
  revalidateOnFailure: true,
  onSuccess: (value): { done?: string; confirmUrl?: string } =>
    value.status === "action_required" && value.url
      ? { confirmUrl: value.url }
      : { done: value.status === "paid" ? "Paid — thank you. The inbox is writable again." : "There is nothing to pay." },
});

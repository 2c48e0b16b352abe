"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { can } from "@/lib/access/permissions";
import { getCurrentActor } from "@/app/(auth)/current-actor";
import { billingProvider } from "@/lib/billing/active-provider";
import { requestContactSales } from "@/lib/billing/contact-sales";
import { removeSeats } from "@/lib/billing/remove-seats";
import { confirmSeatPurchase, previewSeatChange, type SeatChangePreview } from "@/lib/billing/seat-change";
import { startTrial } from "@/lib/billing/start-trial";
import { setTestCardDeclines } from "@/lib/billing/local-provider-card";

export type SeatFormState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  preview?: SeatChangePreview;
  done?: string;
};

const ONLY_PRIMARY = "Only the primary admin can change seats.";
const SEATS_PATH = "/settings/conversations/seats";

function revalidateSeats() {
  revalidatePath(SEATS_PATH);
  revalidatePath("/settings/conversations", "layout");
}

export async function previewSeatsAction(_: SeatFormState, form: FormData): Promise<SeatFormState> {
  const actor = await getCurrentActor();
  if (!can(actor, "seats.purchase")) return { error: ONLY_PRIMARY };
  const result = await previewSeatChange({ db: await getDb(), actor, input: { seats: form.get("seats"), cycle: form.get("cycle") ?? undefined } });
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors };
  return { preview: result.value };
}

export async function confirmSeatsAction(_: SeatFormState, form: FormData): Promise<SeatFormState> {
  const actor = await getCurrentActor();
  if (!can(actor, "seats.purchase")) return { error: ONLY_PRIMARY };
  const db = await getDb();
  const prorationDate = form.get("prorationDate");
  if (form.get("kind") === "removal") {
    const removed = await removeSeats({ db, actor, input: { seats: form.get("seats"), idempotencyKey: form.get("idempotencyKey") } });
    if (!removed.ok) return { error: removed.error };
    revalidateSeats();
    return { done: `You now have ${removed.value.purchased} purchased seats.` };
  }
  const result = await confirmSeatPurchase({
    db,
    actor,
    input: {
      seats: form.get("seats"),
      cycle: form.get("cycle") ?? undefined,
      prorationDate: prorationDate ? prorationDate : null,
      idempotencyKey: form.get("idempotencyKey"),
    },
  });
  revalidateSeats();
  if (!result.ok) return { error: result.error };
  return { done: `You now have ${result.value.purchased} purchased seats.` };
}

export async function startTrialAction(_: SeatFormState): Promise<SeatFormState> {
  const actor = await getCurrentActor();
  if (!can(actor, "seats.purchase")) return { error: "Only the primary admin can start the trial." };
  const result = await startTrial({ db: await getDb(), actor });
  if (!result.ok) return { error: result.error };
  revalidateSeats();
  redirect(SEATS_PATH);
}

export async function contactSalesAction(_: SeatFormState, form: FormData): Promise<SeatFormState> {
  const actor = await getCurrentActor();
  if (!can(actor, "seats.view")) return { error: "Only admins can contact sales about seats." };
  const result = await requestContactSales({
    db: await getDb(),
    actor,
    input: { seats: form.get("seats"), contactEmail: form.get("contactEmail"), message: form.get("message") ?? "" },
  });
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors };
  return { done: "Thanks — our sales team will contact you shortly." };
}

export async function testCardAction(_: SeatFormState, form: FormData): Promise<SeatFormState> {
  const actor = await getCurrentActor();
  if (!can(actor, "seats.purchase")) return { error: ONLY_PRIMARY };
  const result = await setTestCardDeclines({ db: await getDb(), actor, input: { declines: form.get("declines") === "on" } });
  if (!result.ok) return { error: result.error };
  revalidatePath(SEATS_PATH);
  return { done: result.value.declines ? "The test card now declines every charge." : "The test card now accepts charges." };
}

export async function billingPortalAction(): Promise<void> {
  const actor = await getCurrentActor();
  if (!can(actor, "seats.purchase")) return;
  const h = await headers();
  const origin = process.env.APP_URL ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  const url = await billingProvider().portalUrl({ db: await getDb(), accountId: actor.accountId, returnUrl: `${origin}${SEATS_PATH}` });
  if (url) redirect(url);
}

import type { Db } from "@/db/database";
import { seatSummary } from "@/lib/seats/capacity";
import { hasLiveSubscription, readBillingAccount } from "./billing-account";

type Env = Record<string, string | undefined>;

/**
 * Where the account stands with Conversations:
 * - not_started: no trial yet and nothing bought ("Start Trial" page);
 * - trial: the trial runs;
 * - active: seats are purchased.
 * Included free seats never decide the state (decision 0048): they only add capacity, so a new
 * account still starts with the trial and an unpaid or lapsed account is read-only like any other.
 * - past_due: a renewal payment failed; the seats stay, the inbox stays writable for the grace
 *   period (PAST_DUE_GRACE_DAYS), then is read-only until the invoice is paid;
 * - lapsed: the trial ended, or the subscription ended, with no seats paid — the inbox is read-only.
 */
export type ConversationsState = "not_started" | "trial" | "active" | "past_due" | "lapsed";

/** Days a past-due account keeps a writable inbox (default 7). */
export function pastDueGraceDays(env: Env = process.env) {
  const raw = env.PAST_DUE_GRACE_DAYS;
  if (raw === undefined || raw === "") return 7;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0) throw new Error("PAST_DUE_GRACE_DAYS must be a whole number of days (0 or more).");
  return days;
}

export type BillingStanding = {
  state: ConversationsState;
  /** Set while past due: when the payment failed and when the inbox turns read-only. */
  pastDue: { since: Date; graceEndsAt: Date } | null;
  /** Why the inbox is read-only; null while it is writable. */
  readOnly: "trial_ended" | "subscription_ended" | "payment_failed" | null;
};

export async function billingStanding({ db, accountId, now = new Date(), env = process.env }: { db: Db; accountId: string; now?: Date; env?: Env }): Promise<BillingStanding> {
  const seats = await seatSummary({ db, accountId, now });
  const billing = await readBillingAccount({ db, accountId });
  if (billing?.status === "past_due" && seats.purchased > 0) {
    const since = billing.pastDueSince ?? now;
    const graceEndsAt = new Date(since.getTime() + pastDueGraceDays(env) * 86_400_000);
    const readOnly = graceEndsAt <= now ? "payment_failed" : null;
    return { state: "past_due", pastDue: { since, graceEndsAt }, readOnly };
  }
  if (seats.purchased > 0) return { state: "active", pastDue: null, readOnly: null };
  if (seats.trialEndsAt && seats.trialEndsAt > now) return { state: "trial", pastDue: null, readOnly: null };
  const subscriptionEnded = !!billing?.subscriptionId && !hasLiveSubscription(billing);
  if (subscriptionEnded) return { state: "lapsed", pastDue: null, readOnly: "subscription_ended" };
  if (seats.trialEndsAt) return { state: "lapsed", pastDue: null, readOnly: "trial_ended" };
  if (billing?.subscriptionId) return { state: "lapsed", pastDue: null, readOnly: "subscription_ended" };
  return { state: "not_started", pastDue: null, readOnly: null };
}

export async function conversationsState({ db, accountId, now = new Date() }: { db: Db; accountId: string; now?: Date }) {
  return (await billingStanding({ db, accountId, now })).state;
}

/** For the inbox: after an unpaid trial, an ended subscription or a past-due grace period nothing can be changed; nothing is deleted. */
export async function isInboxReadOnly({ db, accountId, now = new Date() }: { db: Db; accountId: string; now?: Date }) {
  return (await billingStanding({ db, accountId, now })).readOnly !== null;
}

import type { Db } from "@/db/database";
import type { Guard } from "@/lib/command";
import { fail } from "@/lib/result";
import { billingStanding } from "@/lib/billing/subscription-state";

export const INBOX_READ_ONLY = "Your trial has ended. Purchase seats to reply again.";
export const INBOX_READ_ONLY_SUBSCRIPTION_ENDED = "Your subscription has ended. Purchase seats to reply again.";
export const INBOX_READ_ONLY_PAYMENT_FAILED = "Payment failed and the grace period is over. An admin must update the card and pay to reply again.";

const messages = {
  trial_ended: INBOX_READ_ONLY,
  subscription_ended: INBOX_READ_ONLY_SUBSCRIPTION_ENDED,
  payment_failed: INBOX_READ_ONLY_PAYMENT_FAILED,
} as const;

/**
 * The one home of "a trial that ended unpaid, an ended subscription, or a past-due subscription
 * after its grace period makes the inbox read-only" (SPEC §3) for every
 * mutating inbox command: returns the refusal to hand back, or null when the inbox is writable.
 * Inbound messages do not pass through here — customers' messages always land.
 * A plain read, not a lock: the state only moves with the clock or a Stripe settlement, and a
 * command racing a purchase is harmless whichever way it falls.
 */
export async function requireWritableInbox({ tx, accountId, now = new Date() }: { tx: Db; accountId: string; now?: Date }) {
  const { readOnly } = await billingStanding({ db: tx, accountId, now });
  if (readOnly) return { ...fail(messages[readOnly]), code: "inbox_read_only" as const };
  return null;
}

/** The command guard form: `guards: [inboxWritable, …]`. */
export const inboxWritable: Guard = ({ tx, actor }) => requireWritableInbox({ tx, accountId: actor.accountId });

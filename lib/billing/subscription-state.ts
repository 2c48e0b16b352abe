import type { Db } from "@/db/database";
import { seatSummary } from "@/lib/seats/capacity";
import { readBillingAccount } from "./billing-account";

/**
 * Where the account stands with Conversations:
 * - not_started: no trial yet and nothing bought ("Start Trial" page);
 * - trial: the trial runs;
 * - active: seats are purchased (or included by the plan);
 * - lapsed: the trial ended, or the subscription ended, with no seats paid — the inbox is read-only.
 */
export type ConversationsState = "not_started" | "trial" | "active" | "lapsed";

export async function conversationsState({ db, accountId, now = new Date() }: { db: Db; accountId: string; now?: Date }) {
  const seats = await seatSummary({ db, accountId, now });
  if (seats.purchased + seats.included > 0) return "active" as const;
  if (seats.trialEndsAt && seats.trialEndsAt > now) return "trial" as const;
  if (seats.trialEndsAt) return "lapsed" as const;
  const billing = await readBillingAccount({ db, accountId });
  return billing?.subscriptionId ? ("lapsed" as const) : ("not_started" as const);
}

/** For the inbox: after an unpaid trial (or an ended subscription) nothing can be changed, nothing is deleted. */
export async function isInboxReadOnly({ db, accountId, now = new Date() }: { db: Db; accountId: string; now?: Date }) {
  return (await conversationsState({ db, accountId, now })) === "lapsed";
}

import type { Db } from "@/db/database";
import type { Guard } from "@/lib/command";
import { fail } from "@/lib/result";
import { isInboxReadOnly } from "@/lib/billing/subscription-state";

export const INBOX_READ_ONLY = "Your trial has ended. Purchase seats to reply again.";

/**
 * The one home of "a trial that ended unpaid makes the inbox read-only" (SPEC §3) for every
 * mutating inbox command: returns the refusal to hand back, or null when the inbox is writable.
 * Inbound messages do not pass through here — customers' messages always land.
 * A plain read, not a lock: the state only moves with the clock or a Stripe settlement, and a
 * command racing a purchase is harmless whichever way it falls.
 */
export async function requireWritableInbox({ tx, accountId, now = new Date() }: { tx: Db; accountId: string; now?: Date }) {
  if (await isInboxReadOnly({ db: tx, accountId, now })) return { ...fail(INBOX_READ_ONLY), code: "inbox_read_only" as const };
  return null;
}

/** The command guard form: `guards: [inboxWritable, …]`. */
export const inboxWritable: Guard = ({ tx, actor }) => requireWritableInbox({ tx, accountId: actor.accountId });

import type { Db } from "@/db/database";
import { renewDueSubscriptions } from "@/lib/billing/renewals";
import { sendTrialReminders } from "@/lib/trial-reminders/send-trial-reminders";
import { cleanupExpiredInvites, cleanupPendingSignUps, cleanupRateLimits, clearStaleVisitorPresence } from "@/lib/maintenance/cleanup";

/**
 * A job the runner starts on a schedule: a plain lib function of `({ db, now })`, so it is
 * tested by calling it. pg-boss's cron makes one job per tick across all app instances.
 */
export type ScheduledJob = {
  /** The pg-boss queue name (letters, digits, dashes). */
  name: string;
  /** Cron, in UTC. */
  cron: string;
  run: (context: { db: Db; now: Date }) => Promise<unknown>;
};

/** The schedule. Other features add their function here. */
export const scheduledJobs: readonly ScheduledJob[] = [
  // Local billing provider: invoice and charge subscriptions whose period ended (Stripe renews its own).
  { name: "renew-due-subscriptions", cron: "*/5 * * * *", run: renewDueSubscriptions },
  { name: "cleanup-rate-limits", cron: "17 * * * *", run: cleanupRateLimits },
  { name: "cleanup-expired-invites", cron: "23 3 * * *", run: cleanupExpiredInvites },
  { name: "cleanup-pending-sign-ups", cron: "41 * * * *", run: cleanupPendingSignUps },
  { name: "clear-stale-visitor-presence", cron: "*/30 * * * *", run: clearStaleVisitorPresence },
  // Trials: a mail to the primary admin 3 days before and at expiry (the read-only state follows the clock).
  { name: "trial-reminders", cron: "*/15 * * * *", run: sendTrialReminders },
];

import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accountSeats, accounts, trialReminders, users } from "@/db/schema";
import { queueMail } from "@/lib/delivery/queue-mail";
import { seatsChanged } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";

const DAY_MS = 24 * 3600 * 1000;
export const TRIAL_REMINDER_DAYS = 3;

/**
 * The scheduled trial job: a mail to the primary admin when an unpaid trial has 3 days left, and
 * another when it has ended (the inbox turns read-only by the clock; the event makes open tabs
 * show it). Each mail is recorded in `trial_reminders` in the transaction that queues it, so it is
 * sent once per account, trial end and kind, however often and wherever the job runs.
 */
export async function sendTrialReminders({ db, now }: { db: Db; now: Date }) {
  const due = await db
    .select({ accountId: accountSeats.accountId, trialEndsAt: accountSeats.trialEndsAt, accountName: accounts.name, email: users.email, name: users.name })
    .from(accountSeats)
    .innerJoin(accounts, eq(accounts.id, accountSeats.accountId))
    .innerJoin(users, and(eq(users.accountId, accountSeats.accountId), sql`${users.isPrimaryAdmin}`))
    .where(
      and(
        eq(accountSeats.purchased, 0),
        gt(accountSeats.trialEndsAt, new Date(now.getTime() - DAY_MS)),
        lte(accountSeats.trialEndsAt, new Date(now.getTime() + TRIAL_REMINDER_DAYS * DAY_MS)),
      ),
    );
  let queued = 0;
  for (const row of due) {
    const endsAt = row.trialEndsAt!;
    const kind = endsAt <= now ? "ended" : "ending_soon";
    const sent = await db.transaction(async (tx) => {
      const [claimed] = await tx.insert(trialReminders).values({ accountId: row.accountId, trialEndsAt: endsAt, kind }).onConflictDoNothing().returning();
      if (!claimed) return false;
      const day = endsAt.toISOString().slice(0, 10);
      await queueMail({
        tx,
        mail:
          kind === "ending_soon"
            ? {
                accountId: row.accountId,
                to: row.email,
                subject: `Your Conversations trial ends on ${day}`,
                text: `Hello ${row.name},\n\nThe Conversations trial of ${row.accountName} ends on ${day}. Purchase seats in Settings → Conversations → Seats to keep replying to your customers.\n`,
              }
            : {
                accountId: row.accountId,
                to: row.email,
                subject: "Your Conversations trial has ended",
                text: `Hello ${row.name},\n\nThe Conversations trial of ${row.accountName} ended on ${day}. The inbox is read-only until seats are purchased in Settings → Conversations → Seats; incoming messages still arrive.\n`,
              },
      });
      if (kind === "ended") await recordEvents({ tx, events: [seatsChanged(row.accountId, { trialSeats: 0 })] });
      return true;
    });
    if (sent) queued++;
  }
  return { due: due.length, queued };
}

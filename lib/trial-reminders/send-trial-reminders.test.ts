import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { accountSeats, mailLocalMailbox } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { runQueuedJobs } from "@/lib/jobs/job-runner";
import { sendTrialReminders } from "./send-trial-reminders";

const t = useTestDatabase();
const DAY = 24 * 3600 * 1000;

async function trialAccount(endsAt: Date, purchased = 0) {
  const a = await createInboxAccount(t.db);
  await t.db
    .insert(accountSeats)
    .values({ accountId: a.accountId, purchased, included: 0, trialSeats: 3, trialEndsAt: endsAt })
    .onConflictDoUpdate({ target: accountSeats.accountId, set: { purchased, trialSeats: 3, trialEndsAt: endsAt } });
  return a;
}

describe("trial reminders (scheduled)", () => {
  test("3 days before and at expiry the primary admin gets one mail each, however often the job runs; paid accounts none", async () => {
    const now = new Date("2026-11-29T12:00:00Z");
    const soon = await trialAccount(new Date(now.getTime() + 2.5 * DAY));
    const later = await trialAccount(new Date(now.getTime() + 10 * DAY));
    const paid = await trialAccount(new Date(now.getTime() + 1 * DAY), 5);

    expect(await sendTrialReminders({ db: t.db, now })).toEqual({ due: 1, queued: 1 });
    expect(await sendTrialReminders({ db: t.db, now: new Date(now.getTime() + 3600_000) })).toEqual({ due: 1, queued: 0 });
    await runQueuedJobs({ db: t.db });
    const mails = await t.db.select().from(mailLocalMailbox);
    expect(mails).toEqual([expect.objectContaining({ accountId: soon.accountId, subject: expect.stringContaining("trial ends on") })]);
    expect(mails[0].to).toMatch(/^owner-/);

    // At expiry: the "ended" mail, once.
    const after = new Date(now.getTime() + 2.6 * DAY);
    expect(await sendTrialReminders({ db: t.db, now: after })).toMatchObject({ queued: 1 });
    expect(await sendTrialReminders({ db: t.db, now: after })).toMatchObject({ queued: 0 });
    await runQueuedJobs({ db: t.db });
    const forSoon = await t.db.select().from(mailLocalMailbox).where(eq(mailLocalMailbox.accountId, soon.accountId));
    expect(forSoon.map((m) => m.subject).sort()).toEqual([expect.stringContaining("trial ends on"), "Your Conversations trial has ended"].sort());
    for (const other of [later, paid]) expect(await t.db.select().from(mailLocalMailbox).where(eq(mailLocalMailbox.accountId, other.accountId))).toEqual([]);
  });
});

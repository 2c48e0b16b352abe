import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accountSeats, users } from "@/db/schema";
import { includedFreeSeats } from "./included-seats";

export type SeatRow = typeof accountSeats.$inferSelect;

export function capacityOf(seats: SeatRow, now = new Date()) {
  const trial = seats.trialEndsAt && seats.trialEndsAt > now ? seats.trialSeats : 0;
  return seats.purchased + seats.included + trial;
}

/**
 * Locks the account's seat row for the rest of the transaction. Every command that changes
 * seats or access levels takes this lock first, so "occupied ≤ capacity" holds under races.
 */
export async function lockSeats({ tx, accountId }: { tx: Db; accountId: string }): Promise<SeatRow> {
  const [row] = await tx.select().from(accountSeats).where(eq(accountSeats.accountId, accountId)).for("update");
  if (row) return row;
  // Accounts created before seats existed get their row on first use.
  await tx.insert(accountSeats).values({ accountId, included: includedFreeSeats() }).onConflictDoNothing();
  const [created] = await tx.select().from(accountSeats).where(eq(accountSeats.accountId, accountId)).for("update");
  return created;
}

/** Occupied seats = users at level Agent. */
export async function countOccupiedSeats({ db, accountId }: { db: Db; accountId: string }) {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.accessLevel, "agent")));
  return row.n;
}

export async function seatSummary({ db, accountId, now = new Date() }: { db: Db; accountId: string; now?: Date }) {
  const [seats] = await db.select().from(accountSeats).where(eq(accountSeats.accountId, accountId));
  const occupied = await countOccupiedSeats({ db, accountId });
  if (!seats) return { occupied, capacity: 0, purchased: 0, included: 0, trialSeats: 0, trialEndsAt: null };
  return {
    occupied,
    capacity: capacityOf(seats, now),
    purchased: seats.purchased,
    included: seats.included,
    trialSeats: seats.trialSeats,
    trialEndsAt: seats.trialEndsAt,
  };
}

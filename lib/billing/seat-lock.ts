import type { Db } from "@/db/database";
import { countOccupiedSeats, lockSeats, type SeatRow } from "@/lib/seats/capacity";
import { billingProvider } from "./active-provider";
import { hasLiveSubscription, readBillingAccount, seatQuantity, type BillingAccountRow } from "./billing-account";
import type { BillingProvider } from "./provider";
import { belowOccupied } from "./seat-input";

/** What a seat command may be given besides its input: the billing provider and the clock (tests pass both). */
export const billingDeps = (given: { provider?: BillingProvider; now?: Date }) => ({
  provider: given.provider ?? billingProvider(),
  now: given.now ?? new Date(),
});

export type LockedSeats = {
  row: SeatRow;
  billing: BillingAccountRow | null;
  /** Seats of the live subscription; 0 without one. */
  current: number;
  /** Agents, counted under the lock: no level changes until commit. */
  occupied: number;
  /** The refusal when `seats` purchased (plus the included ones) would not hold the occupied seats. */
  belowOccupied(seats: number): ReturnType<typeof belowOccupied>;
  /** The purchased seats as they stand now, after the change. */
  purchasedNow(): Promise<number>;
};

/**
 * The prologue of every change of purchased seats: the account's seat row locked (SELECT … FOR
 * UPDATE) for the rest of the transaction, then the billing state and the occupied seats read
 * under it. Concurrent confirmations and removals apply one after the other, each seeing the
 * last one's outcome, so occupied ≤ capacity and nothing is charged twice.
 */
export async function withSeatLock<T>({ tx, accountId }: { tx: Db; accountId: string }, run: (seats: LockedSeats) => Promise<T>): Promise<T> {
  const row = await lockSeats({ tx, accountId });
  const billing = await readBillingAccount({ db: tx, accountId });
  const occupied = await countOccupiedSeats({ db: tx, accountId });
  return run({
    row,
    billing,
    current: hasLiveSubscription(billing) ? seatQuantity(billing) : 0,
    occupied,
    belowOccupied: (seats) => belowOccupied({ seats, included: row.included, occupied }),
    purchasedNow: async () => (await lockSeats({ tx, accountId })).purchased,
  });
}

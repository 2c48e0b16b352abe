import type { Db } from "@/db/database";
import { localProvider } from "./local-provider";

/**
 * Gives a seeded account a local-provider subscription for its purchased seats, bought
 * `daysAgo` days ago through the normal purchase path, so the demo shows a paid invoice and a
 * later purchase is prorated. Not used with Stripe configured (Stripe holds the subscription).
 */
export async function seedLocalSubscription({ tx, accountId, quantity, daysAgo = 10 }: { tx: Db; accountId: string; quantity: number; daysAgo?: number }) {
  if (process.env.STRIPE_SECRET_KEY || quantity < 1) return;
  await localProvider.confirm({
    tx,
    accountId,
    seats: quantity,
    cycle: "month",
    prorationDate: null,
    idempotencyKey: `seed-${accountId}`,
    now: new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000),
  });
}

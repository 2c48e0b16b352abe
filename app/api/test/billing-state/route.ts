import { eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { demoAccountId } from "@/lib/demo/demo-account";
import { accountSeats } from "@/db/schema";
import { lockSeats } from "@/lib/seats/capacity";

const body = z.object({
  purchased: z.number().int().min(0).max(1000),
  included: z.number().int().min(0).max(1000),
  trialSeats: z.number().int().min(0).max(1000),
  trialEndsAt: z.iso.datetime().nullable(),
});

/**
 * End-to-end hook: puts the demo account's seats in a given state (e.g. a trial that ended
 * unpaid) and returns the state it replaced, so a spec can restore it. It exists only when the
 * server runs with E2E_TEST_HOOKS=1 (Playwright's throwaway server); everywhere else it is a 404.
 */
export async function POST(request: Request) {
  if (process.env.E2E_TEST_HOOKS !== "1") return new NextResponse(null, { status: 404 });
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: "Bad input." }, { status: 400 });
  const db = await getDb();
  const accountId = await demoAccountId(db);
  if (!accountId) return NextResponse.json({ error: "No demo account." }, { status: 404 });
  const { trialEndsAt, ...counts } = parsed.data;
  const before = await db.transaction(async (tx) => {
    const row = await lockSeats({ tx, accountId });
    await tx
      .update(accountSeats)
      .set({ ...counts, trialEndsAt: trialEndsAt ? new Date(trialEndsAt) : null, updatedAt: new Date() })
      .where(eq(accountSeats.accountId, accountId));
    return row;
  });
  return NextResponse.json({
    purchased: before.purchased,
    included: before.included,
    trialSeats: before.trialSeats,
    trialEndsAt: before.trialEndsAt?.toISOString() ?? null,
  });
}

import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/app/(auth)/current-actor";
import { can } from "@/lib/access/permissions";
import { advanceBillingClock, testClockInput } from "@/lib/billing/test-clock";

/**
 * End-to-end hook: ends the signed-in primary admin's billing period (renewing it) or past-due grace
 * period. It exists only when the server runs with E2E_TEST_HOOKS=1 (Playwright's throwaway
 * server); everywhere else it is a 404.
 */
export async function POST(request: Request) {
  if (process.env.E2E_TEST_HOOKS !== "1") return new NextResponse(null, { status: 404 });
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  if (!can(actor, "seats.purchase")) return NextResponse.json({ error: "Only the primary admin." }, { status: 403 });
  const parsed = testClockInput.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: "Bad input." }, { status: 400 });
  try {
    await advanceBillingClock({ db: await getDb(), accountId: actor.accountId, action: parsed.data.action });
  } catch (error) {
    return NextResponse.json({ error: (error as Error).message }, { status: 409 });
  }
  return NextResponse.json({ ok: true });
}

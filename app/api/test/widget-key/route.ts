import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { ensureWidgetKey } from "@/lib/channels/webchat/widget-key";
import { getCurrentActor } from "@/app/(auth)/current-actor";

/**
 * End-to-end hook: the signed-in user's account's widget key (created on first use), so a test can
 * put a brand-new account's widget on a page before Settings → Channels shows it. It exists only
 * when the server runs with E2E_TEST_HOOKS=1 (Playwright's throwaway server); everywhere else 404.
 */
export async function GET() {
  if (process.env.E2E_TEST_HOOKS !== "1") return new NextResponse(null, { status: 404 });
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  return NextResponse.json({ widgetKey: await ensureWidgetKey({ db: await getDb(), accountId: actor.accountId }) });
}

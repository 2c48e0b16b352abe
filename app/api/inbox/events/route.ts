import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { can } from "@/lib/access/permissions";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { inboxEventsAfter } from "@/lib/inbox/queries/inbox-events-after";

const query = z.object({ after: z.coerce.number().int().min(0).optional() });

/** Inbox events after ?after=seq for the signed-in user (polling fallback for live updates). */
export async function GET(request: Request) {
  const actor = await getCurrentActor();
  if (!can(actor, "inbox.view")) return NextResponse.json({ error: "Not allowed." }, { status: 403 });
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: "after must be a whole number." }, { status: 400 });
  const page = await inboxEventsAfter({ db: await getDb(), actor, afterSeq: parsed.data.after ?? null });
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
}

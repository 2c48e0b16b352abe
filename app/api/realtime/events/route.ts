import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { ForbiddenError } from "@/lib/access/permissions";
import { getCurrentActor } from "@/app/(auth)/current-actor";
import { currentEventSeq, eventsAfter } from "@/lib/realtime/catch-up";

const noStore = { "cache-control": "no-store" };

/** Catch-up: GET ?after=N → the events after N this user may see, in seq order; no `after` → just the head. */
export async function GET(request: Request) {
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: noStore });
  const query = new URL(request.url).searchParams;
  const db = await getDb();
  try {
    const after = query.get("after");
    if (after === null) {
      const head = await currentEventSeq({ db, actor });
      return NextResponse.json({ events: [], head, hasMore: false }, { headers: noStore });
    }
    const result = await eventsAfter({ db, actor, afterSeq: after, limit: query.get("limit") ?? undefined });
    if (!result.ok) return NextResponse.json(result, { status: 400, headers: noStore });
    return NextResponse.json(result.value, { headers: noStore });
  } catch (error) {
    if (error instanceof ForbiddenError) return NextResponse.json({ error: error.message }, { status: 403, headers: noStore });
    throw error;
  }
}

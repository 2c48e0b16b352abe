import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { contacts, smsNumbers } from "@/db/schema";
import { setLocalSmsRefusal } from "@/lib/channels/sms/local-sms-faults";
import { getCurrentActor } from "@/app/(auth)/current-actor";

const body = z.object({
  contact: z.object({ name: z.string().min(1).max(200), email: z.string().email().optional(), phone: z.string().min(5).max(20).optional() }).optional(),
  smsNumber: z.string().min(5).max(20).optional(),
  /** The local SMS provider refuses this account's texts with this reason (null: it sends them again). */
  smsRefusal: z.string().min(1).max(300).nullable().optional(),
});

/**
 * End-to-end hook for the delivery spec, on the signed-in user's account: adds a contact (the UI
 * has no "add contact" form) and an SMS number, and sets the local SMS provider to refuse or send.
 * It exists only when the server runs with E2E_TEST_HOOKS=1 (Playwright's throwaway server);
 * everywhere else it is a 404.
 */
export async function POST(request: Request) {
  if (process.env.E2E_TEST_HOOKS !== "1") return new NextResponse(null, { status: 404 });
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: "Bad input." }, { status: 400 });
  const db = await getDb();
  let contactId: string | null = null;
  if (parsed.data.contact) {
    const [row] = await db.insert(contacts).values({ accountId: actor.accountId, ...parsed.data.contact }).returning({ id: contacts.id });
    contactId = row.id;
  }
  if (parsed.data.smsNumber) await db.insert(smsNumbers).values({ accountId: actor.accountId, number: parsed.data.smsNumber, label: "Main" });
  if (parsed.data.smsRefusal !== undefined) setLocalSmsRefusal(actor.accountId, parsed.data.smsRefusal);
  return NextResponse.json({ contactId });
}

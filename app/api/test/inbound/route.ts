import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { demoAccountId } from "@/lib/demo/demo-account";
import { receiveInboundMessage } from "@/lib/inbox/receive-inbound-message";

const body = z.object({ email: z.string().email(), name: z.string().min(1).max(200), text: z.string().min(1).max(5000), externalId: z.string().min(1).max(200) });

/**
 * End-to-end hook: delivers an inbound email to the demo account through the same command the
 * channel adapters use. It exists only when the server runs with E2E_TEST_HOOKS=1 (Playwright's
 * throwaway server); everywhere else it is a 404.
 */
export async function POST(request: Request) {
  if (process.env.E2E_TEST_HOOKS !== "1") return new NextResponse(null, { status: 404 });
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: "Bad input." }, { status: 400 });
  const db = await getDb();
  const accountId = await demoAccountId(db);
  if (!accountId) return NextResponse.json({ error: "No demo account." }, { status: 404 });
  const { email, name, text, externalId } = parsed.data;
  const result = await receiveInboundMessage({
    db,
    input: { accountId, channel: "email", externalId, sender: { contact: { name, email } }, body: text },
  });
  return result.ok ? NextResponse.json(result.value) : NextResponse.json({ error: result.error }, { status: 400 });
}

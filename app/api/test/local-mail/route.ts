import { and, desc, eq, ilike } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { mailLocalMailbox } from "@/db/schema";
import { getCurrentActor } from "@/app/(auth)/current-actor";

/**
 * End-to-end hook: the latest mails of the signed-in user's account in the local mail mailbox
 * to one address (with or without a display name), with the headers a reply needs (From / Reply-To, Message-ID), so a test can
 * answer a mail the way a mail client would. Only with E2E_TEST_HOOKS=1; everywhere else 404.
 */
export async function GET(request: Request) {
  if (process.env.E2E_TEST_HOOKS !== "1") return new NextResponse(null, { status: 404 });
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const to = new URL(request.url).searchParams.get("to") ?? "";
  const db = await getDb();
  const rows = await db
    .select()
    .from(mailLocalMailbox)
    .where(and(eq(mailLocalMailbox.accountId, actor.accountId), ilike(mailLocalMailbox.to, `%${to.replace(/[%_\\]/g, "")}%`)))
    .orderBy(desc(mailLocalMailbox.createdAt))
    .limit(20);
  return NextResponse.json({
    mails: rows.map((r) => {
      const m = r.message as { from?: { address?: string }; messageId?: string; headers?: Record<string, string> };
      return { subject: r.subject, text: r.text, from: m.from?.address ?? null, replyTo: m.headers?.["Reply-To"] ?? null, messageId: m.messageId ?? null };
    }),
  });
}

import { and, desc, eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { mailLocalMailbox } from "@/db/schema";
import { SIGN_UP_MAIL_SUBJECT } from "@/lib/accounts/request-sign-up";

/**
 * End-to-end hook: the newest sign-up confirmation link mailed to `email` (from the local mail
 * mailbox; 404 until the mail job has run). Only with E2E_TEST_HOOKS=1; everywhere else 404.
 */
export async function GET(request: Request) {
  if (process.env.E2E_TEST_HOOKS !== "1") return new NextResponse(null, { status: 404 });
  const email = (new URL(request.url).searchParams.get("email") ?? "").trim().toLowerCase();
  const db = await getDb();
  const [mail] = await db
    .select({ text: mailLocalMailbox.text })
    .from(mailLocalMailbox)
    .where(and(eq(mailLocalMailbox.to, email), eq(mailLocalMailbox.subject, SIGN_UP_MAIL_SUBJECT)))
    .orderBy(desc(mailLocalMailbox.createdAt))
    .limit(1);
  const link = mail?.text.match(/https?:\/\/\S+\/sign-up\/confirm\/\S+/)?.[0];
  if (!link) return NextResponse.json({ error: "No sign-up link yet." }, { status: 404 });
  return NextResponse.json({ link });
}

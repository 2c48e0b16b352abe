import { getDb } from "@/db/client";
import { confirmVisitorEmail } from "@/lib/channels/webchat/visitor-email-verification";
import { readBodyLimited } from "@/lib/channels/http/read-body";
import { limitWidget } from "../../widget-http";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, status = 200) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111}button{font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:0;background:#111;color:#fff;cursor:pointer}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer", "x-frame-options": "DENY" },
  });
}

/**
 * The link mailed to a visitor's address opens a page with one button: confirming takes a
 * POST, so a mail scanner that fetches links confirms nothing.
 */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return page(
    "Confirm your email address",
    `<p>Confirm that this address is yours, so replies you send by email join your chat.</p>
<form method="post"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Confirm my email</button></form>`,
  );
}

export async function POST(request: Request) {
  const db = await getDb();
  const limited = await limitWidget(db, request, "widget.email-verify");
  if (limited) return limited;
  const raw = await readBodyLimited(request, 8 * 1024);
  const token = raw ? new URLSearchParams(raw.toString("utf8")).get("token") : null;
  const result = await confirmVisitorEmail({ db, token });
  if (!result.ok) return page("Not confirmed", `<p>${escapeHtml(result.error)}</p>`, 400);
  return page("Email confirmed", `<p>Thanks: replies from ${escapeHtml(result.value.email)} now join your chat. You can close this page.</p>`);
}

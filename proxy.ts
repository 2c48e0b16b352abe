import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/security/content-security-policy";

/**
 * Security headers for the app's pages: a Content-Security-Policy with a per-request nonce
 * (Next.js reads it from the request's CSP header and puts it on its scripts), no framing,
 * Referrer-Policy and X-Content-Type-Options. The widget's own pages (/demo, /preview) may be
 * framed and carry no CSP; API routes and static files are not matched (next.config.mjs gives
 * them the plain headers).
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV !== "production" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-frame-options", "DENY");
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|widget\\.js|demo|preview).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};

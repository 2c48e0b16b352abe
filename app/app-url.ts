import "server-only";
import { headers } from "next/headers";

/** The app's public origin for links it hands out (invites, the billing portal's way back): APP_URL, else the request's host. */
export async function appUrl(): Promise<string> {
  if (process.env.APP_URL) return process.env.APP_URL;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
}

/** The same origin inside a route handler, from the request it answers. */
export function appUrlOf(request: Request): string {
  return process.env.APP_URL || new URL(request.url).origin;
}

import { readFile } from "node:fs/promises";
import path from "node:path";

let cached: Promise<string> | null = null;

/** pusher-js's browser build, served from the app so the widget needs no third-party CDN. */
export async function GET() {
  cached ??= readFile(path.join(process.cwd(), "node_modules/pusher-js/dist/web/pusher.min.js"), "utf8");
  return new Response(await cached, {
    headers: { "content-type": "application/javascript; charset=utf-8", "cache-control": "public, max-age=3600", "access-control-allow-origin": "*" },
  });
}

import type { Db } from "@/db/database";
import { hitRateLimit } from "./rate-limit";

/** Per-client budgets of the public (unauthenticated) channel endpoints, per minute. */
export const PUBLIC_LIMITS = {
  "widget.session": 30,
  "widget.history": 120,
  "widget.message": 30,
  "widget.upload": 20,
  "widget.email": 10,
  "widget.email-verify": 20,
  "widget.realtime-auth": 60,
  "bot.message": 300,
} as const;

export type PublicEndpoint = keyof typeof PUBLIC_LIMITS;

export function limitPublicEndpoint({
  db,
  endpoint,
  client,
  now,
}: {
  db: Db;
  endpoint: PublicEndpoint;
  client: string;
  now?: Date;
}) {
  return hitRateLimit({ db, key: `public:${endpoint}:${client}`, limit: PUBLIC_LIMITS[endpoint], windowSeconds: 60, now });
}

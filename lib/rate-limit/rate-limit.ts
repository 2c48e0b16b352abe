import { sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { rateLimits } from "@/db/schema";

/**
 * Fixed-window counter kept in the database, so every app instance shares it.
 * Returns whether this hit is within the limit; the hit is counted either way.
 */
export async function hitRateLimit({
  db,
  key,
  limit,
  windowSeconds,
  now = new Date(),
}: {
  db: Db;
  key: string;
  limit: number;
  windowSeconds: number;
  now?: Date;
}): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowStartFloor = new Date(now.getTime() - windowSeconds * 1000);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} <= ${windowStartFloor.toISOString()}::timestamptz THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimits.windowStart} <= ${windowStartFloor.toISOString()}::timestamptz THEN ${now.toISOString()}::timestamptz ELSE ${rateLimits.windowStart} END`,
      },
    })
    .returning();
  const resetsAt = row.windowStart.getTime() + windowSeconds * 1000;
  return {
    allowed: row.count <= limit,
    retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)),
  };
}

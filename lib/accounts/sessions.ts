import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/access/permissions";
import { loadActor } from "./actor";

// Sessions are stateless JWTs; each carries the user's session version from sign-in. A token
// minted before versions existed has none and is refused (its user signs in once more).
const sessionShape = z.object({ userId: z.uuid(), sessionVersion: z.number().int().nonnegative() });

/** The actor of a decoded session, or null when it is missing, malformed or has been ended. */
export async function actorForSession({ db, session }: { db: Db; session: unknown }): Promise<Actor | null> {
  const parsed = sessionShape.safeParse(session);
  if (!parsed.success) return null;
  return loadActor({ db, userId: parsed.data.userId, sessionVersion: parsed.data.sessionVersion });
}

/** Ends every session of the user, in every browser: sign-out, and any future password change or removal. */
export async function endAllSessions({ db, userId }: { db: Db; userId: string }): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

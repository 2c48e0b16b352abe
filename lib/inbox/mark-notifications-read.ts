import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { notifications } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fromZodError, type Result } from "@/lib/result";

export const markNotificationsReadInput = z.object({
  /** These notifications, or all of the user's unread ones when omitted. */
  ids: z.array(z.string().uuid()).max(200).optional(),
});

/** Marks the user's own notifications read; another user's ids change nothing. */
export async function markNotificationsRead({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof markNotificationsReadInput>;
}): Promise<Result<{ count: number }>> {
  requirePermission(actor, "notifications.receive");
  const parsed = markNotificationsReadInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, actor.userId),
        eq(notifications.accountId, actor.accountId),
        isNull(notifications.readAt),
        parsed.data.ids ? inArray(notifications.id, parsed.data.ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { ok: true, value: { count: rows.length } };
}

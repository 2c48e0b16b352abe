import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { ok, type Result } from "@/lib/result";

export const markNotificationsReadInput = z.object({
  /** These notifications, or all of the user's unread ones when omitted. */
  ids: z.array(z.string().uuid()).max(200).optional(),
});

/** Marks the user's own notifications read; another user's ids change nothing. */
export const markNotificationsRead = defineCommand({
  permission: "notifications.receive",
  input: markNotificationsReadInput,
  transaction: false,
  async run({ tx: db, actor, input: { ids } }): Promise<Result<{ count: number }>> {
    const rows = await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.userId, actor.userId),
          eq(notifications.accountId, actor.accountId),
          isNull(notifications.readAt),
          ids ? inArray(notifications.id, ids) : undefined,
        ),
      )
      .returning({ id: notifications.id });
    return ok({ count: rows.length });
  },
});

import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { notificationSettings } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { defineCommand } from "@/lib/command";
import { ok, type Result } from "@/lib/result";

export type NotificationPreferences = { desktop: boolean; audio: boolean };

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = { desktop: false, audio: true };

export const notificationSettingsInput = z.object({ desktop: z.boolean(), audio: z.boolean() });

/** The user's own desktop / audio choices (SPEC §6); in-app notifications are always on. */
export async function getNotificationSettings({ db, actor }: { db: Db; actor: Actor }): Promise<NotificationPreferences> {
  requirePermission(actor, "notifications.receive");
  const [row] = await db
    .select({ desktop: notificationSettings.desktop, audio: notificationSettings.audio })
    .from(notificationSettings)
    .where(eq(notificationSettings.userId, actor.userId));
  return row ?? DEFAULT_NOTIFICATION_PREFERENCES;
}

export const updateNotificationSettings = defineCommand({
  permission: "notifications.receive",
  input: notificationSettingsInput,
  transaction: false,
  async run({ tx: db, actor, input }): Promise<Result<NotificationPreferences>> {
    await db
      .insert(notificationSettings)
      .values({ userId: actor.userId, accountId: actor.accountId, ...input })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: { ...input, updatedAt: new Date() } });
    return ok(input);
  },
});

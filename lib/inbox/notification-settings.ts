import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { notificationSettings } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fromZodError, type Result } from "@/lib/result";

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

export async function updateNotificationSettings({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof notificationSettingsInput>;
}): Promise<Result<NotificationPreferences>> {
  requirePermission(actor, "notifications.receive");
  const parsed = notificationSettingsInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  await db
    .insert(notificationSettings)
    .values({ userId: actor.userId, accountId: actor.accountId, ...parsed.data })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { ...parsed.data, updatedAt: new Date() } });
  return { ok: true, value: parsed.data };
}

import Link from "next/link";
import { getDb } from "@/db/client";
import { NotificationSettingsForm } from "@/components/inbox/notification-settings-form";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { getNotificationSettings } from "@/lib/inbox/notification-settings";

export const metadata = { title: "Notification settings" };

/** The user's own desktop and audio notification settings (SPEC §6). */
export default async function NotificationSettingsPage() {
  const actor = await requireActor();
  if (!can(actor, "notifications.receive")) {
    return (
      <div className="px-4 py-16">
        <EmptyState title="No notifications for your access level">Only Agents receive inbox notifications.</EmptyState>
      </div>
    );
  }
  const settings = await getNotificationSettings({ db: await getDb(), actor });
  return (
    <div className="mx-auto max-w-xl px-4 py-6">
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-lg font-semibold">Notification settings</h1>
        <Link href="/inbox" className="text-sm text-brand-700 hover:underline">
          Back to the inbox
        </Link>
      </div>
      <NotificationSettingsForm settings={settings} />
    </div>
  );
}

import { getDb } from "@/db/client";
import { AvailabilityToggle } from "@/components/inbox/availability-toggle";
import { InboxNavDot } from "@/components/inbox/inbox-nav-dot";
import { NotificationsBell } from "@/components/inbox/notifications-bell";
import { NotificationsProvider } from "@/components/inbox/notifications-context";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { ReconnectingIndicator } from "@/components/realtime/reconnecting-indicator";
import { RefreshOnEvents } from "@/components/realtime/refresh-on-events";
import { AppHeader } from "@/components/shell/app-header";
import { can } from "@/lib/access/permissions";
import { getUserSummary } from "@/lib/accounts/members";
import { canViewAnalytics } from "@/lib/analytics/report-scope";
import { renewIfDue } from "@/lib/billing/renewals";
import { requireActor } from "@/app/(auth)/current-actor";
import { getNotificationSettings } from "@/lib/inbox/notification-settings";
import { getAgentStatus } from "@/lib/inbox/assignment/agent-status";
import { countUnreadNotifications, listNotifications } from "@/lib/inbox/queries/notifications";
import { currentEventSeq, visibleRealtimeChannels } from "@/lib/realtime/catch-up";
import { browserRealtimeConfig } from "@/lib/realtime/config";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const db = await getDb();
  // Fallback until the job runner schedules renewDueSubscriptions: renew on the next request after the period end.
  await renewIfDue({ db, accountId: actor.accountId });
  const summary = await getUserSummary({ db, actor });
  const notified = can(actor, "notifications.receive");
  const [notifications, notificationSettings, unreadCount] = notified
    ? await Promise.all([listNotifications({ db, actor }), getNotificationSettings({ db, actor }), countUnreadNotifications({ db, actor })])
    : [[], null, 0];
  const agentStatus = await getAgentStatus({ db, actor });
  const header = (
    <AppHeader
      user={{ name: summary?.name ?? "", email: summary?.email ?? "", accountName: summary?.accountName ?? "" }}
      showInbox={can(actor, "inbox.view") || can(actor, "roles.view")}
      showAnalytics={canViewAnalytics(actor)}
      showSettings={can(actor, "roles.view") || can(actor, "users.invite")}
      inboxBadge={notificationSettings ? <InboxNavDot /> : null}
      bell={notificationSettings ? <NotificationsBell settings={notificationSettings} /> : null}
      status={agentStatus ? <AvailabilityToggle initial={agentStatus} /> : null}
    />
  );
  const shell = (
    <div className="flex min-h-full flex-col">
      {notificationSettings ? <NotificationsProvider initial={notifications} initialUnread={unreadCount}>{header}</NotificationsProvider> : header}
      <main className="flex-1">{children}</main>
    </div>
  );
  // SPEC §2: No access sees nothing — no channel at all, except an admin's settings events.
  const realtimeChannels = visibleRealtimeChannels(actor);
  if (realtimeChannels.length === 0) return shell;
  return (
    <RealtimeProvider
      config={browserRealtimeConfig()}
      realtimeChannels={realtimeChannels}
      initialSeq={await currentEventSeq({ db, actor })}
    >
      <RefreshOnEvents types={["access.changed"]} />
      <ReconnectingIndicator />
      {shell}
    </RealtimeProvider>
  );
}

import { getDb } from "@/db/client";
import { AppHeader } from "@/components/shell/app-header";
import { can } from "@/lib/access/permissions";
import { getUserSummary } from "@/lib/accounts/members";
import { requireActor } from "@/lib/auth/current-actor";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const summary = await getUserSummary({ db: await getDb(), actor });
  return (
    <div className="flex min-h-full flex-col">
      <AppHeader
        user={{ name: summary?.name ?? "", email: summary?.email ?? "", accountName: summary?.accountName ?? "" }}
        showInbox={can(actor, "inbox.view") || can(actor, "roles.view")}
        showSettings={can(actor, "roles.view") || can(actor, "users.invite")}
      />
      <main className="flex-1">{children}</main>
    </div>
  );
}

import { getDb } from "@/db/client";
import { RefreshOnEvents } from "@/components/realtime/refresh-on-events";
import { RoleHistoryList } from "@/components/roles/role-history-list";
import { RolesList } from "@/components/roles/roles-list";
import { SeatsUsed } from "@/components/roles/seats-used";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { listRoleChanges } from "@/lib/roles/role-history";
import { rolesOverview } from "@/lib/roles/roles-overview";

export const metadata = { title: "Roles" };

export default async function RolesPage() {
  const actor = await requireActor();
  if (!can(actor, "roles.view")) {
    return <EmptyState title="Only admins can manage roles">Ask an admin of your account to change access levels.</EmptyState>;
  }
  const db = await getDb();
  const [overview, history] = await Promise.all([rolesOverview({ db, actor }), listRoleChanges({ db, actor, limit: 10 })]);
  return (
    <div className="space-y-6">
      <SeatsUsed occupied={overview.seats.occupied} capacity={overview.seats.capacity} canBuySeats={overview.canBuySeats} />
      <p className="text-sm text-slate-600">
        &ldquo;No access&rdquo; users see nothing of Conversations. &ldquo;Viewers&rdquo; can read the inbox and use no seat.
        Each &ldquo;Agent&rdquo; uses one seat.
      </p>
      <RefreshOnEvents types={["roles.changed", "seats.changed"]} />
      <RolesList members={overview.members} agents={overview.agents} openConversations={overview.openConversations} canManage={overview.canManage} />
      <RoleHistoryList changes={history} />
    </div>
  );
}

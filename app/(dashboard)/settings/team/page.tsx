import { getDb } from "@/db/client";
import { InviteForm } from "@/components/team/invite-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { listPendingInvites } from "@/lib/accounts/invites";
import { listGroups } from "@/lib/accounts/groups";
import { listMembers } from "@/lib/accounts/members";
import { GroupsCard } from "@/components/team/groups-card";
import { RefreshOnEvents } from "@/components/realtime/refresh-on-events";
import { addGroupMemberAction, createGroupAction, deleteGroupAction, removeGroupMemberAction, renameGroupAction } from "./actions";
import { requireActor } from "@/app/(auth)/current-actor";

export const metadata = { title: "Team" };

export default async function TeamPage() {
  const actor = await requireActor();
  if (!can(actor, "users.invite")) {
    return <EmptyState title="Only admins can manage the team">Ask an admin of your account to invite people.</EmptyState>;
  }
  const db = await getDb();
  const [members, pending, groups] = await Promise.all([listMembers({ db, actor }), listPendingInvites({ db, actor }), listGroups({ db, actor })]);
  return (
    <div className="space-y-6">
      <RefreshOnEvents types={["groups.changed", "roles.changed"]} />
      <div>
        <h2 className="text-xl font-semibold">Team</h2>
        <p className="mt-1 text-sm text-slate-600">Invite teammates; then give them access in Conversations → Roles.</p>
      </div>
      <Card>
        <h3 className="mb-4 font-medium">Invite someone</h3>
        <InviteForm />
      </Card>
      <Card padded={false}>
        <h3 className="px-6 pt-5 font-medium">Members ({members.length})</h3>
        <ul className="mt-3 divide-y divide-slate-100">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 px-6 py-3 text-sm">
              <span>
                <span className="font-medium">{m.name}</span> <span className="text-slate-500">{m.email}</span>
              </span>
              <span className="text-slate-600">
                {m.isPrimaryAdmin ? "Primary Account Admin" : m.isAdmin ? "Admin" : "Member"}
                {m.groups.length ? ` · ${m.groups.join(", ")}` : ""}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <GroupsCard
        groups={groups}
        people={members.map((m) => ({ id: m.id, name: m.name }))}
        actions={{ create: createGroupAction, rename: renameGroupAction, remove: deleteGroupAction, addMember: addGroupMemberAction, removeMember: removeGroupMemberAction }}
      />
      <Card>
        <h3 className="font-medium">Pending invites</h3>
        {pending.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No pending invites. Invite a teammate above.</p>
        ) : (
          <ul className="mt-3 space-y-1 text-sm">
            {pending.map((i) => (
              <li key={i.id}>
                {i.email} {i.asAdmin ? <span className="text-slate-500">(admin)</span> : null}{" "}
                <span className="text-slate-500">· expires {i.expiresAt.toLocaleDateString("en-US", { dateStyle: "medium" })}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

import { getDb } from "@/db/client";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { listMembers } from "@/lib/accounts/members";
import { requireActor } from "@/lib/auth/current-actor";

export const metadata = { title: "Roles" };

const levelLabels = { none: "No access", viewer: "Viewer", agent: "Agent" };

export default async function RolesPage() {
  const actor = await requireActor();
  if (!can(actor, "roles.view")) {
    return <EmptyState title="Only admins can manage roles">Ask an admin of your account to change access levels.</EmptyState>;
  }
  const members = await listMembers({ db: await getDb(), actor });
  return (
    <Card padded={false}>
      <ul className="divide-y divide-slate-100">
        {members.map((m) => (
          <li key={m.id} className="flex items-center justify-between px-6 py-3 text-sm">
            <span>
              {m.name} <span className="text-slate-500">· {m.groups.join(", ") || "No group"}</span>
            </span>
            <span className="text-slate-600">{levelLabels[m.accessLevel]}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

import { Card } from "@/components/ui/card";
import type { Member } from "@/lib/accounts/members";
import { AccessLevelPicker } from "./access-level-picker";

/** Every user of the account with their group(s) and level. */
export function RolesList({
  members,
  agents,
  canManage,
}: {
  members: Member[];
  agents: { id: string; name: string }[];
  canManage: boolean;
}) {
  return (
    <Card padded={false}>
      <ul className="divide-y divide-slate-100" aria-label="Users and their access levels">
        {members.map((m) => (
          <li key={m.id} className="flex flex-col gap-3 px-6 py-4 sm:flex-row sm:items-center sm:justify-between" data-testid="role-row">
            <div className="min-w-0 text-sm">
              <p className="font-medium text-slate-900">
                {m.name}
                {m.isPrimaryAdmin ? <span className="ml-2 text-xs font-normal text-slate-500">Primary Account Admin</span> : null}
              </p>
              <p className="truncate text-slate-500">
                {m.email} · {m.groups.length ? m.groups.join(", ") : "No group"}
              </p>
            </div>
            <AccessLevelPicker
              member={{ id: m.id, name: m.name, accessLevel: m.accessLevel }}
              receivers={agents.filter((a) => a.id !== m.id)}
              canManage={canManage}
            />
          </li>
        ))}
      </ul>
    </Card>
  );
}

import { SettingsForm, type CardAction } from "@/components/channels/settings-form";
import type { GroupWithMembers } from "@/lib/accounts/groups";

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500";

/** Settings → Team → Groups: create, rename, delete; add and remove members. The Admin group's members are the admins. */
export function GroupsCard({
  groups,
  people,
  actions,
}: {
  groups: GroupWithMembers[];
  people: { id: string; name: string }[];
  actions: { create: CardAction; rename: CardAction; remove: CardAction; addMember: CardAction; removeMember: CardAction };
}) {
  return (
    <section aria-label="Groups" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div>
        <h3 className="font-medium">Groups</h3>
        <p className="mt-1 text-sm text-slate-600">
          Conversations can be assigned to a group. Members of <strong>Admin</strong> are the account&apos;s admins; the primary admin always stays in it.
        </p>
      </div>
      <ul className="space-y-3">
        {groups.map((group) => {
          const outside = people.filter((p) => !group.members.some((m) => m.id === p.id));
          return (
            <li key={group.id} aria-label={`Group ${group.name}`} className="space-y-2 rounded-md border border-slate-200 p-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium">
                  {group.name} <span className="text-sm font-normal text-slate-500">· {group.members.length} {group.members.length === 1 ? "member" : "members"}</span>
                </p>
                {group.isAdminGroup ? null : (
                  <SettingsForm
                    action={actions.remove}
                    label={`Delete ${group.name}`}
                    submitLabel="Delete group"
                    pendingLabel="Deleting…"
                    variant="secondary"
                    confirm={`Delete the group "${group.name}"? Its members stay; its conversations become unassigned.`}
                    className="flex items-center gap-2"
                  >
                    <input type="hidden" name="groupId" value={group.id} />
                  </SettingsForm>
                )}
              </div>
              {group.members.length === 0 ? (
                <p className="text-sm text-slate-500">No members yet: add someone below.</p>
              ) : (
                <ul className="flex flex-wrap gap-2" aria-label={`Members of ${group.name}`}>
                  {group.members.map((member) => (
                    <li key={member.id} className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-3 pr-1 text-sm">
                      {member.name}
                      {group.isAdminGroup && member.isPrimaryAdmin ? (
                        <span className="px-2 text-xs text-slate-500">primary admin</span>
                      ) : (
                        <SettingsForm action={actions.removeMember} label={`Remove ${member.name} from ${group.name}`} submitLabel="×" pendingLabel="…" variant="secondary" className="flex items-center">
                          <input type="hidden" name="groupId" value={group.id} />
                          <input type="hidden" name="userId" value={member.id} />
                        </SettingsForm>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              <div className="flex flex-col gap-2 sm:flex-row">
                {outside.length ? (
                  <SettingsForm action={actions.addMember} label={`Add to ${group.name}`} submitLabel="Add" pendingLabel="Adding…" variant="secondary" className="flex flex-1 items-center gap-2">
                    <input type="hidden" name="groupId" value={group.id} />
                    <select name="userId" aria-label={`Person to add to ${group.name}`} className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-2 text-sm">
                      {outside.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </SettingsForm>
                ) : null}
                {group.isAdminGroup ? null : (
                  <SettingsForm action={actions.rename} label={`Rename ${group.name}`} submitLabel="Rename" pendingLabel="Saving…" variant="secondary" className="flex flex-1 items-center gap-2">
                    <input type="hidden" name="groupId" value={group.id} />
                    <input name="name" defaultValue={group.name} aria-label={`New name for ${group.name}`} maxLength={60} className={inputClass} />
                  </SettingsForm>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <SettingsForm action={actions.create} label="Create a group" submitLabel="Create group" pendingLabel="Creating…" variant="secondary" className="flex flex-wrap items-start gap-2">
        <input name="name" aria-label="New group name" placeholder="e.g. Billing" maxLength={60} className={`${inputClass} max-w-xs`} />
      </SettingsForm>
    </section>
  );
}

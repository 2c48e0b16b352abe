import { getDb } from "@/db/client";
import { AssignmentSettingsForm } from "@/components/assignment/assignment-settings-form";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { getAssignmentSettings } from "@/lib/inbox/assignment/assignment-settings";
import { listChannelGroups } from "@/lib/inbox/assignment/channel-groups";
import { listAgentGroups } from "@/lib/inbox/queries/inbox-directory";
import { channels } from "@/lib/message-channels/message-channels";
import { ChannelGroupSelect } from "@/components/assignment/channel-group-select";

export const metadata = { title: "Assignment" };

/** Settings → Conversations → "Assignment": automatic assignment of new and reopened conversations (admins). */
export default async function AssignmentSettingsPage() {
  const actor = await requireActor();
  if (!can(actor, "assignment.manage") || !can(actor, "inbox.view")) {
    return <EmptyState title="Only admins change assignment">Ask an admin of your account to turn automatic assignment on or off.</EmptyState>;
  }
  const db = await getDb();
  const [settings, limits, groups] = await Promise.all([getAssignmentSettings({ db, actor }), listChannelGroups({ db, actor }), listAgentGroups({ db, actor })]);
  return (
    <div className="max-w-xl space-y-4">
      <p className="text-sm text-slate-600">
        New and reopened conversations can go straight to an agent who is <strong>Available</strong> (the status in the header) and
        has the inbox open. With it off, they arrive Unassigned and every agent is notified.
      </p>
      <AssignmentSettingsForm settings={settings} />
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-label="Groups per channel">
        <div>
          <h3 className="text-sm font-medium text-slate-700">Limit to a group, per channel</h3>
          <p className="text-xs text-slate-500">
            Conversations from a limited channel go only to available agents of that group; when none is available, the group gets the
            conversation and its agents are notified. Manage groups in Settings → Team.
          </p>
        </div>
        {channels.map((channel) => (
          <ChannelGroupSelect key={channel} channel={channel} groupId={limits[channel] ?? null} groups={groups.map(({ id, name }) => ({ id, name }))} />
        ))}
      </section>
    </div>
  );
}

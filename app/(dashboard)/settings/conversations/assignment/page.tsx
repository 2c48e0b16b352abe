import { getDb } from "@/db/client";
import { AssignmentSettingsForm } from "@/components/assignment/assignment-settings-form";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { getAssignmentSettings } from "@/lib/inbox/assignment/assignment-settings";

export const metadata = { title: "Assignment" };

/** Settings → Conversations → "Assignment": automatic assignment of new and reopened conversations (admins). */
export default async function AssignmentSettingsPage() {
  const actor = await requireActor();
  if (!can(actor, "assignment.manage") || !can(actor, "inbox.view")) {
    return <EmptyState title="Only admins change assignment">Ask an admin of your account to turn automatic assignment on or off.</EmptyState>;
  }
  const db = await getDb();
  const settings = await getAssignmentSettings({ db, actor });
  return (
    <div className="max-w-xl space-y-4">
      <p className="text-sm text-slate-600">
        New and reopened conversations can go straight to an agent who is <strong>Available</strong> (the status in the header) and
        has the inbox open. With it off, they arrive Unassigned and every agent is notified.
      </p>
      <AssignmentSettingsForm settings={settings} />
    </div>
  );
}

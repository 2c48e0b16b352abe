import { getDb } from "@/db/client";
import { PastDueBanner } from "@/components/seats/past-due-banner";
import { TrialBanner } from "@/components/seats/trial-banner";
import { Tabs } from "@/components/shell/tabs";
import { requireActor } from "@/app/(auth)/current-actor";

export default async function ConversationsSettingsLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-xl font-semibold">Conversations</h2>
        <p className="mt-1 text-sm text-slate-600">Seats, and who on your team can use the inbox.</p>
      </div>
      <TrialBanner db={await getDb()} accountId={actor.accountId} />
      <PastDueBanner db={await getDb()} actor={actor} />
      <Tabs
        tabs={[
          { href: "/settings/conversations/seats", label: "Manage Seats" },
          { href: "/settings/conversations/roles", label: "Roles" },
          { href: "/settings/conversations/assignment", label: "Assignment" },
        ]}
      />
      {children}
    </div>
  );
}

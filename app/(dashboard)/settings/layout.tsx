import { SettingsNav } from "@/components/shell/settings-nav";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-8 md:flex-row">
      <aside className="md:w-52 md:shrink-0">
        <h1 className="mb-3 text-lg font-semibold">Settings</h1>
        <SettingsNav
          items={[
            ...(can(actor, "roles.view") ? [{ href: "/settings/conversations", label: "Conversations" }] : []),
            ...(can(actor, "savedResponses.manage") ? [{ href: "/settings/saved-responses", label: "Saved Responses" }] : []),
            ...(can(actor, "users.invite") ? [{ href: "/settings/team", label: "Team" }] : []),
            ...(can(actor, "channels.manage") ? [{ href: "/settings/channels", label: "Channels" }] : []),
            ...(can(actor, "channels.manage") ? [{ href: "/settings/outbox", label: "Outbox" }] : []),
          ]}
        />
      </aside>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}

import { Tabs } from "@/components/shell/tabs";

export default function ConversationsSettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-xl font-semibold">Conversations</h2>
        <p className="mt-1 text-sm text-slate-600">Seats, and who on your team can use the inbox.</p>
      </div>
      <Tabs
        tabs={[
          { href: "/settings/conversations/seats", label: "Manage Seats" },
          { href: "/settings/conversations/roles", label: "Roles" },
        ]}
      />
      {children}
    </div>
  );
}

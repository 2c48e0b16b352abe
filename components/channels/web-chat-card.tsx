import Link from "next/link";
import type { ChannelChange } from "@/lib/channels/settings/channel-audit";
import type { WidgetSettings } from "@/lib/channels/webchat/widget-gate";
import { buttonClass } from "@/components/ui/button";
import { ChannelAuditList } from "./channel-audit-list";
import { ChannelCard } from "./channel-card";
import { CopyButton } from "./copy-button";
import { SettingsForm, type CardAction } from "./settings-form";

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500";

export function WebChatCard({
  widget,
  snippet,
  status,
  changes,
  actions,
}: {
  widget: WidgetSettings;
  snippet: string;
  status: { connected: boolean; text: string };
  changes: ChannelChange[];
  actions: { setEnabled: CardAction; rotate: CardAction; setOrigins: CardAction; setAppearance: CardAction };
}) {
  return (
    <ChannelCard title="Web Chat" status={widget.enabled ? status.text : "Off: the widget is hidden"} connected={widget.enabled && status.connected} audit={<ChannelAuditList changes={changes} />}>
      <SettingsForm
        action={actions.setEnabled}
        label="Web chat on or off"
        submitLabel={widget.enabled ? "Turn web chat off" : "Turn web chat on"}
        pendingLabel="Saving…"
        variant={widget.enabled ? "secondary" : "primary"}
        className="flex flex-wrap items-center gap-3"
      >
        <input type="hidden" name="enabled" value={widget.enabled ? "false" : "true"} />
        <p className="text-sm text-slate-700">
          Web chat is <strong>{widget.enabled ? "on" : "off"}</strong>.{" "}
          {widget.enabled ? "The widget shows on your website." : "The widget is hidden on every website until you turn it on."}
        </p>
      </SettingsForm>

      <div className="space-y-2">
        <h4 className="text-sm font-medium text-slate-700">Add this to your website, before &lt;/body&gt;</h4>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <pre data-testid="widget-snippet" className="min-w-0 flex-1 overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-slate-900 px-3 py-2 text-xs text-slate-100">
            {snippet}
          </pre>
          <CopyButton text={snippet} label="Copy snippet" />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Link href="/preview/chat" target="_blank" className={buttonClass("secondary")}>
            Preview
          </Link>
          <SettingsForm
            action={actions.rotate}
            label="Rotate widget key"
            submitLabel="Rotate key"
            pendingLabel="Rotating…"
            variant="danger"
            confirm="Rotate the widget key? The snippet on your website stops working at once; paste the new one. Conversations are kept."
            successMessage="New key made: paste the new snippet into your website."
            className="flex flex-wrap items-center gap-3"
          />
        </div>
      </div>

      <SettingsForm action={actions.setOrigins} label="Allowed websites" submitLabel="Save websites" pendingLabel="Saving…" variant="secondary" successMessage="Saved.">
        <label htmlFor="widget-origins" className="block text-sm font-medium text-slate-700">
          Allowed websites
        </label>
        <textarea id="widget-origins" name="origins" rows={2} defaultValue={widget.allowedOrigins.join("\n")} placeholder="https://www.example.com" className={inputClass} />
        <p className="text-xs text-slate-500">One a line. Empty: any website may show the widget. Otherwise other websites are refused.</p>
      </SettingsForm>

      <SettingsForm action={actions.setAppearance} label="Widget text" submitLabel="Save text" pendingLabel="Saving…" variant="secondary" successMessage="Saved.">
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="widget-title" className="block text-sm font-medium text-slate-700">
              Title
            </label>
            <input id="widget-title" name="title" defaultValue={widget.title} maxLength={60} className={inputClass} />
          </div>
          <div className="space-y-1">
            <label htmlFor="widget-greeting" className="block text-sm font-medium text-slate-700">
              Greeting
            </label>
            <input id="widget-greeting" name="greeting" defaultValue={widget.greeting} maxLength={300} className={inputClass} />
          </div>
        </div>
      </SettingsForm>
    </ChannelCard>
  );
}

import { ChannelAuditList } from "./channel-audit-list";
import { ChannelCard } from "./channel-card";
import { CopyableValue } from "./copyable-value";
import { SettingsForm, type CardAction } from "./settings-form";
import type { ChannelChange } from "@/lib/channels/settings/channel-audit";

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500";

export function EmailCard({
  settings,
  webhookUrl,
  webhookSecret,
  status,
  changes,
  actions,
}: {
  settings: { slug: string | null; address: string | null; domain: string; fromName: string; replyTo: string };
  webhookUrl: string;
  webhookSecret: string;
  status: { connected: boolean; text: string };
  changes: ChannelChange[];
  actions: { setSlug: CardAction; setSender: CardAction; sendTest: CardAction };
}) {
  return (
    <ChannelCard title="Email" status={status.text} connected={status.connected} audit={<ChannelAuditList changes={changes} />}>
      <SettingsForm action={actions.setSlug} label="Inbound address" submitLabel={settings.slug ? "Change address" : "Save address"} pendingLabel="Saving…" variant="secondary" successMessage="Saved.">
        <label htmlFor="email-slug" className="block text-sm font-medium text-slate-700">
          Your inbound address
        </label>
        <div className="flex items-center gap-1">
          <input id="email-slug" name="slug" defaultValue={settings.slug ?? ""} placeholder="support-acme" maxLength={40} className={`${inputClass} max-w-xs`} />
          <span className="text-sm text-slate-600">@{settings.domain}</span>
        </div>
        <p className="text-xs text-slate-500">Letters, digits, dots and dashes. Changing it stops mail to the old address; conversations stay.</p>
      </SettingsForm>
      {settings.address ? (
        <>
          <CopyableValue label="Inbound address" value={settings.address} testId="email-inbound-address" />
          <div className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
            <p className="font-medium">Forward your support mail here</p>
            <ol className="mt-1 list-decimal space-y-0.5 pl-5">
              <li>In your mail provider (Google Workspace, Microsoft 365, …) open the settings of the address customers write to.</li>
              <li>Add a forwarding rule to <strong>{settings.address}</strong> and keep a copy if you like.</li>
              <li>Send a test email below: it appears in your inbox within seconds.</li>
            </ol>
          </div>
          <SettingsForm action={actions.sendTest} label="Send a test email" submitLabel="Send a test email" pendingLabel="Sending…" variant="secondary" successMessage="Sent: it is in your inbox now." />
        </>
      ) : (
        <p className="text-sm text-slate-600">Choose an address above; then forward your support mail to it.</p>
      )}
      <SettingsForm action={actions.setSender} label="Outbound mail" submitLabel="Save sender" pendingLabel="Saving…" variant="secondary" successMessage="Saved.">
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="email-from-name" className="block text-sm font-medium text-slate-700">
              From name
            </label>
            <input id="email-from-name" name="fromName" defaultValue={settings.fromName} placeholder="Your account's name" maxLength={100} className={inputClass} />
          </div>
          <div className="space-y-1">
            <label htmlFor="email-reply-to" className="block text-sm font-medium text-slate-700">
              Reply-to (optional)
            </label>
            <input id="email-reply-to" name="replyTo" type="email" defaultValue={settings.replyTo} placeholder="support@yourcompany.com" className={inputClass} />
          </div>
        </div>
      </SettingsForm>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">Receiving through a mail provider&apos;s webhook instead</summary>
        <div className="mt-2 space-y-2">
          <CopyableValue label="Email webhook URL" value={webhookUrl} testId="email-webhook-url" />
          <CopyableValue label="Email webhook secret" value={webhookSecret} testId="email-webhook-secret" />
          <p className="text-xs text-slate-500">The provider POSTs the raw message with the secret in the X-Email-Webhook-Secret header.</p>
        </div>
      </details>
    </ChannelCard>
  );
}

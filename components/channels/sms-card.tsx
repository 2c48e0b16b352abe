import { ChannelAuditList } from "./channel-audit-list";
import { ChannelCard } from "./channel-card";
import { CopyableValue } from "./copyable-value";
import { SettingsForm, type CardAction } from "./settings-form";
import type { ChannelChange } from "@/lib/channels/settings/channel-audit";

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500";

export function SmsCard({
  numbers,
  webhookUrl,
  signingToken,
  status,
  changes,
  actions,
}: {
  numbers: { id: string; number: string; label: string }[];
  webhookUrl: string;
  signingToken: string;
  status: { connected: boolean; text: string };
  changes: ChannelChange[];
  actions: { add: CardAction; remove: CardAction };
}) {
  return (
    <ChannelCard title="SMS" status={status.text} connected={status.connected} audit={<ChannelAuditList changes={changes} />}>
      {numbers.length === 0 ? (
        <p className="text-sm text-slate-600">No sending numbers yet. Add the number your SMS provider gave you; texts to it land in the inbox.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="SMS numbers">
          {numbers.map((n) => (
            <li key={n.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span>
                <span className="font-medium">{n.number}</span> {n.label ? <span className="text-slate-500">· {n.label}</span> : null}
              </span>
              <SettingsForm
                action={actions.remove}
                label={`Remove ${n.number}`}
                submitLabel="Remove"
                pendingLabel="Removing…"
                variant="secondary"
                confirm={`Remove ${n.number}? Texts to it will stop arriving; its conversations stay.`}
                className="flex items-center gap-2"
              >
                <input type="hidden" name="id" value={n.id} />
              </SettingsForm>
            </li>
          ))}
        </ul>
      )}
      <SettingsForm action={actions.add} label="Add an SMS number" submitLabel="Add number" pendingLabel="Adding…" variant="secondary" successMessage="Number added.">
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="sms-number" className="block text-sm font-medium text-slate-700">
              Number (international format)
            </label>
            <input id="sms-number" name="number" placeholder="+14155550100" inputMode="tel" className={inputClass} />
          </div>
          <div className="space-y-1">
            <label htmlFor="sms-label" className="block text-sm font-medium text-slate-700">
              Label (optional)
            </label>
            <input id="sms-label" name="label" placeholder="Support line" maxLength={60} className={inputClass} />
          </div>
        </div>
      </SettingsForm>
      <CopyableValue label="Webhook URL" value={webhookUrl} testId="sms-webhook-url" />
      <p className="text-xs text-slate-500">Paste it as the number&apos;s “A message comes in” webhook (HTTP POST) at your SMS provider.</p>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">Signing token (the provider signs each request with it)</summary>
        <div className="mt-2">
          <CopyableValue label="SMS signing token" value={signingToken} testId="sms-signing-token" />
        </div>
      </details>
    </ChannelCard>
  );
}

import { BotKeyCreateForm, type BotKeyFormState } from "./bot-key-create-form";
import { ChannelAuditList } from "./channel-audit-list";
import { ChannelCard } from "./channel-card";
import { CopyableValue } from "./copyable-value";
import { SettingsForm, type CardAction } from "./settings-form";
import type { ChannelChange } from "@/lib/channels/settings/channel-audit";

const when = (d: Date | null) => (d ? `${d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC` : "never");

export function BotCard({
  keys,
  endpoint,
  status,
  changes,
  actions,
}: {
  keys: { id: string; name: string; last4: string; createdAt: Date; lastUsedAt: Date | null }[];
  endpoint: string;
  status: { connected: boolean; text: string };
  changes: ChannelChange[];
  actions: { create: (state: BotKeyFormState, form: FormData) => Promise<BotKeyFormState>; revoke: CardAction };
}) {
  return (
    <ChannelCard title="Bot API keys" status={status.text} connected={status.connected} audit={<ChannelAuditList changes={changes} />}>
      <p className="text-sm text-slate-600">
        Your automations post into conversations with a key in the <code>Authorization: Bearer …</code> header.
      </p>
      <CopyableValue label="Bot API endpoint" value={endpoint} testId="bot-endpoint" />
      {keys.length === 0 ? (
        <p className="text-sm text-slate-600">No keys yet. Create one for each automation, so you can revoke one without the others.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Bot API keys">
          {keys.map((k) => (
            <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span>
                <span className="font-medium">{k.name}</span> <code className="text-slate-500">cbk_…{k.last4}</code>
                <span className="block text-xs text-slate-500">
                  Created {when(k.createdAt)} · last used {when(k.lastUsedAt)}
                </span>
              </span>
              <SettingsForm
                action={actions.revoke}
                label={`Revoke ${k.name}`}
                submitLabel="Revoke"
                pendingLabel="Revoking…"
                variant="secondary"
                confirm={`Revoke "${k.name}"? Requests with it are refused at once; what it posted stays.`}
                className="flex items-center gap-2"
              >
                <input type="hidden" name="id" value={k.id} />
              </SettingsForm>
            </li>
          ))}
        </ul>
      )}
      <BotKeyCreateForm action={actions.create} />
    </ChannelCard>
  );
}

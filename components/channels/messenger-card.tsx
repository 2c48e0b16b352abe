import { ChannelAuditList } from "./channel-audit-list";
import { ChannelCard } from "./channel-card";
import { CopyableValue } from "./copyable-value";
import { SettingsForm, type CardAction } from "./settings-form";
import type { ChannelChange } from "@/lib/channels/settings/channel-audit";

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500";

export function MessengerCard({
  pages,
  callbackUrl,
  verifyToken,
  status,
  changes,
  actions,
}: {
  pages: { id: string; pageId: string; name: string; hasToken: boolean }[];
  callbackUrl: string;
  verifyToken: string;
  status: { connected: boolean; text: string };
  changes: ChannelChange[];
  actions: { connect: CardAction; disconnect: CardAction };
}) {
  return (
    <ChannelCard title="Facebook Messenger" status={status.text} connected={status.connected} audit={<ChannelAuditList changes={changes} />}>
      {pages.length === 0 ? (
        <p className="text-sm text-slate-600">No Page connected. Connect your Facebook Page to answer its messages here.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Connected Pages">
          {pages.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span>
                <span className="font-medium">{p.name}</span> <span className="text-slate-500">· Page {p.pageId} · {p.hasToken ? "token saved" : "no token"}</span>
              </span>
              <SettingsForm
                action={actions.disconnect}
                label={`Disconnect ${p.name}`}
                submitLabel="Disconnect"
                pendingLabel="Disconnecting…"
                variant="secondary"
                confirm={`Disconnect "${p.name}"? Its messages stop arriving and its token is forgotten; conversations stay.`}
                className="flex items-center gap-2"
              >
                <input type="hidden" name="id" value={p.id} />
              </SettingsForm>
            </li>
          ))}
        </ul>
      )}
      <SettingsForm action={actions.connect} label="Connect a Page" submitLabel="Connect Page" pendingLabel="Connecting…" variant="secondary" successMessage="Page connected.">
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="messenger-page-id" className="block text-sm font-medium text-slate-700">
              Page ID
            </label>
            <input id="messenger-page-id" name="pageId" inputMode="numeric" placeholder="104512345678901" className={inputClass} />
          </div>
          <div className="space-y-1">
            <label htmlFor="messenger-name" className="block text-sm font-medium text-slate-700">
              Page name
            </label>
            <input id="messenger-name" name="name" placeholder="Acme Store" maxLength={100} className={inputClass} />
          </div>
        </div>
        <div className="space-y-1">
          <label htmlFor="messenger-token" className="block text-sm font-medium text-slate-700">
            Page access token
          </label>
          <input id="messenger-token" name="pageAccessToken" type="password" autoComplete="off" className={inputClass} />
          <p className="text-xs text-slate-500">Stored on the server and never shown again.</p>
        </div>
      </SettingsForm>
      <CopyableValue label="Callback URL" value={callbackUrl} testId="messenger-callback-url" />
      <CopyableValue label="Verify token" value={verifyToken} testId="messenger-verify-token" />
      <p className="text-xs text-slate-500">In your Meta app: Messenger → Webhooks → Add callback URL, paste both, and subscribe the Page to “messages”.</p>
    </ChannelCard>
  );
}

import { getDb } from "@/db/client";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { listLocalMailboxes } from "@/lib/channels/local-mailboxes";
import { FailedDeliveries } from "@/components/delivery/failed-deliveries";
import { listFailedDeliveries } from "@/lib/delivery/failed-deliveries";

// The local mailboxes (lib/channels/local-mailboxes.ts); users know the page as "Outbox" at /settings/outbox.
export const metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

type FileNote = { filename?: string; fileName?: string; contentType: string; size?: number };
/** The files a local mailbox entry lists (mail: its JSON's attachments; SMS: its media; Messenger: its filedata). */
const filesOf = (value: unknown): FileNote[] => (Array.isArray(value) ? (value as FileNote[]) : []);

export default async function LocalMailboxesPage() {
  const actor = await requireActor();
  if (!can(actor, "channels.manage")) {
    return <EmptyState title="Only admins can see the outbox">Ask an admin of your account.</EmptyState>;
  }
  const db = await getDb();
  const [{ mail, messenger, sms }, failed] = await Promise.all([listLocalMailboxes({ db, actor }), listFailedDeliveries({ db, actor })]);
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-xl font-semibold">Outbox</h2>
        <p className="mt-1 text-sm text-slate-600">
          Messages kept locally because no provider is configured (SMTP_URL, MESSENGER_GRAPH_URL, SMS_API_URL). Latest 50 of each.
        </p>
      </div>
      <FailedDeliveries rows={failed} />
      <Card padded={false}>
        <h3 className="px-6 pt-5 font-medium">Email ({mail.length})</h3>
        {mail.length === 0 ? <p className="px-6 py-4 text-sm text-slate-500">No email yet.</p> : null}
        <ul className="mt-3 divide-y divide-slate-100" data-testid="mail-outbox">
          {mail.map((m) => (
            <li key={m.id} className="px-6 py-3 text-sm">
              <div className="flex flex-wrap justify-between gap-2">
                <span>
                  <span className="font-medium">{m.subject}</span> <span className="text-slate-500">to {m.to}</span>
                </span>
                <span className="text-slate-500">{when(m.createdAt)}</span>
              </div>
              <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs">{m.text}</pre>
              <OutboxFiles files={filesOf((m.message as { attachments?: unknown }).attachments)} rawHref={m.rawKey ? `/settings/outbox/mail/${m.id}` : null} />
            </li>
          ))}
        </ul>
      </Card>
      <Card padded={false}>
        <h3 className="px-6 pt-5 font-medium">Messenger ({messenger.length})</h3>
        {messenger.length === 0 ? <p className="px-6 py-4 text-sm text-slate-500">No Messenger messages yet.</p> : null}
        <ul className="mt-3 divide-y divide-slate-100">
          {messenger.map((m) => (
            <li key={m.id} className="px-6 py-3 text-sm">
              <div className="flex flex-wrap justify-between gap-2">
                <span className="text-slate-500">
                  page {m.pageId} → {m.recipientPsid}
                </span>
                <span className="text-slate-500">{when(m.createdAt)}</span>
              </div>
              <p className="mt-1 whitespace-pre-wrap">{m.text}</p>
            </li>
          ))}
        </ul>
      </Card>
      <Card padded={false}>
        <h3 className="px-6 pt-5 font-medium">SMS ({sms.length})</h3>
        {sms.length === 0 ? <p className="px-6 py-4 text-sm text-slate-500">No texts yet.</p> : null}
        <ul className="mt-3 divide-y divide-slate-100">
          {sms.map((m) => (
            <li key={m.id} className="px-6 py-3 text-sm">
              <div className="flex flex-wrap justify-between gap-2">
                <span className="text-slate-500">
                  {m.from} → {m.to}
                </span>
                <span className="text-slate-500">{when(m.createdAt)}</span>
              </div>
              <p className="mt-1 whitespace-pre-wrap">{m.body}</p>
              <OutboxFiles files={filesOf(m.media)} rawHref={null} />
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

function OutboxFiles({ files, rawHref }: { files: FileNote[]; rawHref: string | null }) {
  if (files.length === 0) return null;
  return (
    <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600" data-testid="outbox-files">
      <span>Attachments:</span>
      {files.map((f, i) => (
        <span key={i} className="rounded bg-slate-100 px-2 py-0.5">
          {f.filename ?? f.fileName} ({f.contentType})
        </span>
      ))}
      {rawHref ? (
        <a href={rawHref} className="font-medium text-brand-700 underline">
          Download .eml
        </a>
      ) : null}
    </p>
  );
}

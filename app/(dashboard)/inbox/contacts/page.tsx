import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { QuickEdit } from "@/components/inbox/contact-card";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { listContactsInConversations } from "@/lib/inbox/queries/contacts";

export const metadata = { title: "Contacts" };

/** The contacts panel (SPEC §4): contacts that are in a conversation, with the quick-edit dialog. */
export default async function ContactsPage({ searchParams }: { searchParams: Promise<{ afterName?: string; afterId?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "inbox.view")) redirect("/inbox");
  const { afterName, afterId } = await searchParams;
  const contacts = await listContactsInConversations({ db: await getDb(), actor, afterName, afterId, limit: 50 });
  const last = contacts.at(-1);
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-lg font-semibold">Contacts</h1>
        <Link href="/inbox" className="text-sm text-brand-700 hover:underline">
          Back to the inbox
        </Link>
      </div>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Contacts">
        {contacts.length === 0 ? <li className="p-4 text-sm text-slate-500">No contacts in conversations yet.</li> : null}
        {contacts.map((c) => (
          <li key={c.id} className="flex items-center gap-4 px-4 py-3">
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">{c.name}</p>
              <p className="truncate text-xs text-slate-500">{[c.email, c.phone].filter(Boolean).join(" · ") || "Web chat visitor"}</p>
            </div>
            {can(actor, "contacts.edit") ? <QuickEdit contact={c} /> : null}
          </li>
        ))}
      </ul>
      {contacts.length === 50 && last ? (
        <Link href={`/inbox/contacts?afterName=${encodeURIComponent(last.name)}&afterId=${last.id}`} className="mt-3 inline-block text-sm text-brand-700">
          Next page
        </Link>
      ) : null}
    </div>
  );
}

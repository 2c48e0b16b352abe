import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { QuickEdit } from "@/components/inbox/contact-card";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { listContactsInConversations, searchContacts } from "@/lib/inbox/queries/contacts";
import { NewContactForm } from "@/components/inbox/new-contact-form";

export const metadata = { title: "Contacts" };

/** The contacts panel (SPEC §4): contacts that are in a conversation, with the quick-edit dialog. */
export default async function ContactsPage({ searchParams }: { searchParams: Promise<{ afterName?: string; afterId?: string; q?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "inbox.view")) redirect("/inbox");
  const { afterName, afterId, q } = await searchParams;
  const query = (typeof q === "string" ? q : "").trim().slice(0, 200);
  const db = await getDb();
  // A search looks through every contact of the account; without one, the panel lists those in conversations.
  const contacts = query ? await searchContacts({ db, actor, query, limit: 50 }) : await listContactsInConversations({ db, actor, afterName, afterId, limit: 50 });
  const last = contacts.at(-1);
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-lg font-semibold">Contacts</h1>
        <Link href="/inbox" className="text-sm text-brand-700 hover:underline">
          Back to the inbox
        </Link>
      </div>
      {can(actor, "contacts.edit") ? (
        <details className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">New contact</summary>
          <div className="mt-3">
            <NewContactForm />
          </div>
        </details>
      ) : null}
      <form role="search" className="mb-3 flex gap-2" action="/inbox/contacts">
        <input
          name="q"
          defaultValue={query}
          aria-label="Search contacts"
          placeholder="Search by name, email or phone"
          className="flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50">
          Search
        </button>
      </form>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Contacts">
        {contacts.length === 0 ? (
          <li className="p-4 text-sm text-slate-500">
            {query ? `No contact matches “${query}”. Check the spelling, or create them with New contact.` : "No contacts in conversations yet. Create one with New contact, or wait for a customer to write."}
          </li>
        ) : null}
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
      {!query && contacts.length === 50 && last ? (
        <Link href={`/inbox/contacts?afterName=${encodeURIComponent(last.name)}&afterId=${last.id}`} className="mt-3 inline-block text-sm text-brand-700">
          Next page
        </Link>
      ) : null}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useActionState, useCallback, useEffect, useRef, useState } from "react";
import { searchContactsAction, startConversationAction, type ActionState } from "@/app/(dashboard)/inbox/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { NewContactForm } from "./new-contact-form";
import { availableChannels, composerChannelLabel } from "@/lib/message-channels/message-channels";
import type { ContactSummary } from "@/lib/inbox/queries/contacts";

/** "New conversation" with a known contact: search contacts, pick a channel (SPEC §4). */
export function NewConversation({ accountHasSmsNumber }: { accountHasSmsNumber: boolean }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<ContactSummary[]>([]);
  const [contact, setContact] = useState<ContactSummary | null>(null);
  const [creating, setCreating] = useState(false);
  const picked = useCallback((created: ContactSummary) => {
    setContact(created);
    setCreating(false);
  }, []);
  const [state, action] = useActionState<ActionState, FormData>(startConversationAction, {});

  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const rows = await searchContactsAction(query);
      if (live && Array.isArray(rows)) setFound(rows);
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  useEffect(() => {
    if (state.ok && state.id) {
      dialog.current?.close();
      router.push(`/inbox?c=${state.id}`);
    }
  }, [state, router]);

  const channels = contact ? availableChannels({ used: [], contact, messengerPsid: null, accountHasSmsNumber }) : [];
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} className="rounded-md bg-brand-600 px-2.5 py-1 text-sm font-medium text-white hover:bg-brand-700">
        New conversation
      </button>
      <dialog ref={dialog} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-label="New conversation">
        {creating ? (
          <div className="space-y-3 p-5">
            <div className="flex items-center justify-between">
              <h2 className="text-base font-semibold">New contact</h2>
              <button type="button" className="text-sm text-brand-700" onClick={() => setCreating(false)}>
                Back to search
              </button>
            </div>
            <NewContactForm onCreated={picked} submitLabel="Create and continue" />
          </div>
        ) : null}
        <form action={action} className={`space-y-3 p-5 ${creating ? "hidden" : ""}`}>
          <h2 className="text-base font-semibold">New conversation</h2>
          {contact ? (
            <div className="flex items-center justify-between rounded-md bg-slate-50 px-3 py-2 text-sm">
              <span>
                <span className="font-medium">{contact.name}</span> <span className="text-slate-500">{contact.email ?? contact.phone}</span>
              </span>
              <button type="button" className="text-brand-700" onClick={() => setContact(null)}>
                Change
              </button>
              <input type="hidden" name="contactId" value={contact.id} />
            </div>
          ) : (
            <div>
              <input
                aria-label="Search contacts"
                placeholder="Search contacts by name, email or phone"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
              <button type="button" className="mt-1 text-sm text-brand-700 hover:underline" onClick={() => setCreating(true)}>
                + New contact
              </button>
              {query.trim() && found.length === 0 ? <p className="mt-1 text-sm text-slate-500">No contact matches. Create one with “New contact”.</p> : null}
              <ul className="mt-1 max-h-48 overflow-y-auto">
                {found.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100" onClick={() => setContact(c)}>
                      {c.name} <span className="text-slate-500">{c.email ?? c.phone ?? ""}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {contact ? (
            <>
              <label className="flex items-center gap-2 text-sm">
                Channel
                <select name="channel" aria-label="Channel" className="rounded-md border border-slate-300 px-2 py-1 text-sm">
                  {channels.map((c) => (
                    <option key={c} value={c}>
                      {composerChannelLabel[c]}
                    </option>
                  ))}
                </select>
              </label>
              <textarea name="body" aria-label="Message" rows={3} className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm" placeholder="Write the first message…" />
            </>
          ) : null}
          {state.error ? <p className="text-sm text-red-600" role="alert">{state.error}</p> : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="rounded-md px-3 py-2 text-sm hover:bg-slate-100" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            {contact ? <SubmitButton pendingLabel="Starting…">Start conversation</SubmitButton> : null}
          </div>
        </form>
      </dialog>
    </>
  );
}

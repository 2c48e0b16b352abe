"use client";

import { useActionState, useEffect, useRef } from "react";
import { editContactAction, type ActionState } from "@/app/(dashboard)/inbox/actions";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type Contact = { id: string; name: string; email: string | null; phone: string | null };

/** A contact's details with the quick-edit dialog (SPEC §4). Messenger visitors have no contact record. */
export function ContactCard({ contact, fallbackName, canEdit }: { contact: Contact | null; fallbackName: string; canEdit: boolean }) {
  if (!contact) {
    return (
      <section aria-label="Contact">
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Contact</h3>
        <p className="text-sm font-medium">{fallbackName}</p>
        <p className="text-xs text-slate-500">Messenger visitor — no contact record.</p>
      </section>
    );
  }
  return (
    <section aria-label="Contact">
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Contact</h3>
      <p className="text-sm font-medium" data-testid="contact-name">{contact.name}</p>
      <p className="text-xs text-slate-600">{contact.email ?? "No email"}</p>
      <p className="text-xs text-slate-600">{contact.phone ?? "No phone"}</p>
      {canEdit ? <QuickEdit contact={contact} /> : null}
    </section>
  );
}

export function QuickEdit({ contact }: { contact: Contact }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, action] = useActionState<ActionState, FormData>(editContactAction, {});
  useEffect(() => {
    if (state.ok) dialog.current?.close();
  }, [state]);
  return (
    <>
      <button type="button" className="mt-2 text-sm text-brand-700 hover:underline" onClick={() => dialog.current?.showModal()}>
        Edit contact
      </button>
      <dialog ref={dialog} className="m-auto w-full max-w-sm rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-label="Edit contact">
        <form action={action} className="space-y-3 p-5">
          <h2 className="text-base font-semibold">Edit contact</h2>
          <input type="hidden" name="contactId" value={contact.id} />
          <Field label="Name" name="name" defaultValue={contact.name} error={state.fieldErrors?.name} required />
          <Field label="Email" name="email" type="email" defaultValue={contact.email ?? ""} error={state.fieldErrors?.email} />
          <Field label="Phone" name="phone" defaultValue={contact.phone ?? ""} error={state.fieldErrors?.phone} />
          {state.error && !state.fieldErrors ? <p className="text-sm text-red-600" role="alert">{state.error}</p> : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="rounded-md px-3 py-2 text-sm hover:bg-slate-100" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}

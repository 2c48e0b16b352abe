"use client";

import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { addAddressAction, removeAddressAction, type ActionState } from "@/app/(dashboard)/inbox/actions";
import { SubmitButton } from "@/components/ui/submit-button";

type Address = { id: string; kind: "email" | "phone"; value: string };

/** The contact's other emails and phone numbers (issue 16): listed for everyone, added and removed by agents. */
export function ContactAddresses({ contactId, addresses, canEdit }: { contactId: string; addresses: Address[]; canEdit: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(addAddressAction, {});
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [removing, startRemoving] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  if (!canEdit && addresses.length === 0) return null;
  return (
    <section aria-label="Other addresses" className="space-y-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Other addresses</h3>
      {addresses.length === 0 ? <p className="text-xs text-slate-500">None yet. Add another email or phone number to reach this contact there.</p> : null}
      <ul className="space-y-1">
        {addresses.map((a) => (
          <li key={a.id} className="flex items-center justify-between gap-2 text-xs text-slate-700" data-testid="contact-address">
            <span className="truncate">
              <span className="text-slate-500">{a.kind === "email" ? "Email" : "Phone"}:</span> {a.value}
            </span>
            {canEdit ? (
              <button
                type="button"
                disabled={removing}
                aria-label={`Remove ${a.value}`}
                className="text-red-700 hover:underline disabled:opacity-50"
                onClick={() =>
                  startRemoving(async () => {
                    const result = await removeAddressAction({ contactId, addressId: a.id });
                    setRemoveError(result.error ?? null);
                  })
                }
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {removeError ? <p className="text-xs text-red-600" role="alert">{removeError}</p> : null}
      {canEdit ? (
        <form ref={form} action={action} className="space-y-1.5" aria-label="Add an address">
          <input type="hidden" name="contactId" value={contactId} />
          <div className="flex gap-1.5">
            <select name="kind" aria-label="Kind" className="rounded-md border border-slate-300 bg-white px-1 py-1 text-xs">
              <option value="email">Email</option>
              <option value="phone">Phone</option>
            </select>
            <input name="value" aria-label="Address" placeholder="name@example.com or +1 555 0100" className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-xs" />
          </div>
          {state.fieldErrors?.value || state.error ? (
            <p className="text-xs text-red-600" role="alert">
              {state.fieldErrors?.value ?? state.error}
            </p>
          ) : null}
          <SubmitButton pendingLabel="Adding…" variant="secondary" className="px-2 py-1 text-xs">
            Add address
          </SubmitButton>
        </form>
      ) : null}
    </section>
  );
}

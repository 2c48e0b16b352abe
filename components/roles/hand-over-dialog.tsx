"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { UNASSIGNED } from "@/lib/roles/access-level-labels";

/**
 * Asked whenever an Agent is demoted: who receives their open conversations, another agent
 * or "Unassigned". (The inbox will show how many there are.)
 */
export function HandOverDialog({
  open,
  memberName,
  toLabel,
  receivers,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  memberName: string;
  toLabel: string;
  receivers: { id: string; name: string }[];
  onCancel: () => void;
  onConfirm: (transferTo: string) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [receiver, setReceiver] = useState(UNASSIGNED);
  const titleId = useId();
  const selectId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setReceiver(UNASSIGNED);
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={titleId} className="text-base font-semibold">
        Change {memberName} to {toLabel}?
      </h2>
      <p className="mt-2 text-sm text-slate-600">
        Their seat is freed at once. Their open conversations must not be left without an owner: choose an agent to
        receive them, or leave them Unassigned (all agents are notified).
      </p>
      <div className="mt-4 space-y-1">
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">
          Give open conversations to
        </label>
        <select
          id={selectId}
          value={receiver}
          onChange={(e) => setReceiver(e.target.value)}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500"
        >
          <option value={UNASSIGNED}>Unassigned</option>
          {receivers.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className="mt-6 flex justify-end gap-3">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="button" onClick={() => onConfirm(receiver)}>
          Change to {toLabel}
        </Button>
      </div>
    </dialog>
  );
}

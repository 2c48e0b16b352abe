"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useRef, useState } from "react";

/**
 * The "Assignment" filter modal (SPEC §5): "Unassigned", "Mine", specific agents and groups
 * (multi-select), "Apply". The choice lives in the URL (?a=unassigned,mine,agent:<id>,group:<id>).
 */
export function AssignmentFilter({ agents, groups }: { agents: { id: string; name: string }[]; groups: { id: string; name: string }[] }) {
  const router = useRouter();
  const params = useSearchParams();
  const dialog = useRef<HTMLDialogElement>(null);
  const current = new Set((params.get("a") ?? "").split(",").filter(Boolean));
  const [picked, setPicked] = useState(current);
  const toggle = (key: string) => {
    const next = new Set(picked);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setPicked(next);
  };
  const box = (key: string, label: string) => (
    <label key={key} className="flex items-center gap-2 py-1 text-sm">
      <input type="checkbox" checked={picked.has(key)} onChange={() => toggle(key)} />
      {label}
    </label>
  );
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setPicked(new Set(current));
          dialog.current?.showModal();
        }}
        className={`rounded-md border px-2.5 py-1 text-sm ${current.size ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`}
      >
        Assignment{current.size ? ` (${current.size})` : ""}
      </button>
      <dialog ref={dialog} className="m-auto w-full max-w-sm rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-label="Assignment">
        <div className="space-y-3 p-5">
          <h2 className="text-base font-semibold">Assignment</h2>
          <div>
            {box("unassigned", "Unassigned")}
            {box("mine", "Mine")}
          </div>
          <fieldset>
            <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">Agents</legend>
            {agents.map((a) => box(`agent:${a.id}`, a.name))}
          </fieldset>
          <fieldset>
            <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">Groups</legend>
            {groups.map((g) => box(`group:${g.id}`, g.name))}
          </fieldset>
          <div className="flex justify-end gap-2">
            <button type="button" className="rounded-md px-3 py-2 text-sm hover:bg-slate-100" onClick={() => setPicked(new Set())}>
              Clear
            </button>
            <button
              type="button"
              className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
              onClick={() => {
                const next = new URLSearchParams(params.toString());
                if (picked.size) next.set("a", [...picked].join(","));
                else next.delete("a");
                next.delete("c");
                dialog.current?.close();
                router.push(`/inbox?${next.toString()}`);
              }}
            >
              Apply
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}

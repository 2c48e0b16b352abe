"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { changeAccessLevelAction, type AccessLevelFormState } from "@/app/(dashboard)/settings/conversations/roles/actions";
import type { AccessLevel } from "@/lib/access/permissions";
import { accessLevelLabels, accessLevels } from "@/lib/roles/access-level-labels";
import { HandOverDialog } from "./hand-over-dialog";

/** The three radio buttons of one user's row; a change is saved at once (after the hand-over dialog for an Agent). */
export function AccessLevelPicker({
  member,
  receivers,
  canManage,
}: {
  member: { id: string; name: string; accessLevel: AccessLevel };
  /** The other current Agents, who may receive this user's open conversations. */
  receivers: { id: string; name: string }[];
  canManage: boolean;
}) {
  const [state, dispatch, pending] = useActionState<AccessLevelFormState, FormData>(changeAccessLevelAction, {});
  const [awaitingHandOver, setAwaitingHandOver] = useState<AccessLevel | null>(null);
  const [submitted, setSubmitted] = useState<AccessLevel | null>(null);
  const shown = awaitingHandOver ?? (pending ? submitted : null) ?? member.accessLevel;

  function submit(level: AccessLevel, transferTo?: string) {
    const form = new FormData();
    form.set("userId", member.id);
    form.set("level", level);
    if (transferTo) form.set("transferTo", transferTo);
    setAwaitingHandOver(null);
    setSubmitted(level);
    startTransition(() => dispatch(form));
  }

  function pick(level: AccessLevel) {
    if (level === member.accessLevel) return;
    if (member.accessLevel === "agent") setAwaitingHandOver(level);
    else submit(level);
  }

  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <div role="radiogroup" aria-label={`Access level for ${member.name}`} aria-busy={pending} className="flex gap-1 rounded-md bg-slate-100 p-1">
        {accessLevels.map((level) => (
          <label
            key={level}
            className={`cursor-pointer rounded px-3 py-1.5 text-sm font-medium transition has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 has-[:disabled]:cursor-not-allowed ${
              shown === level ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
            }`}
          >
            <input
              type="radio"
              name={`level-${member.id}`}
              value={level}
              checked={shown === level}
              disabled={!canManage || pending}
              onChange={() => pick(level)}
              className="sr-only"
            />
            {accessLevelLabels[level]}
          </label>
        ))}
      </div>
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
          {state.canBuySeats ? (
            <>
              {" "}
              <Link href="/settings/conversations/seats" className="font-medium text-brand-700 underline">
                Manage Seats
              </Link>
            </>
          ) : null}
        </p>
      ) : state.message && !pending ? (
        <p role="status" className="text-sm text-green-700">
          {state.message}
        </p>
      ) : null}
      <HandOverDialog
        open={awaitingHandOver !== null}
        memberName={member.name}
        toLabel={awaitingHandOver ? accessLevelLabels[awaitingHandOver] : ""}
        receivers={receivers}
        onCancel={() => setAwaitingHandOver(null)}
        onConfirm={(transferTo) => awaitingHandOver && submit(awaitingHandOver, transferTo)}
      />
    </div>
  );
}

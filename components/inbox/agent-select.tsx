"use client";

import { useState, useTransition } from "react";
import { assignAction } from "@/app/(dashboard)/inbox/actions";

/** The "Agent" dropdown (SPEC §5): Agents only, plus "Unassigned". */
export function AgentSelect({
  conversationId,
  assigneeId,
  agents,
  disabled,
}: {
  conversationId: string;
  assigneeId: string | null;
  agents: { id: string; name: string }[];
  disabled: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">Agent</span>
      <select
        aria-label="Agent"
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-50"
        value={assigneeId ?? ""}
        disabled={disabled || pending}
        title={disabled ? "Only the owner or an admin can reassign this conversation." : undefined}
        onChange={(e) => {
          const next = e.target.value || null;
          start(async () => {
            const result = await assignAction({ conversationId, assigneeId: next });
            setError(result.error ?? null);
          });
        }}
      >
        <option value="">Unassigned</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      {error ? <span className="text-xs text-red-600" role="alert">{error}</span> : null}
    </label>
  );
}

"use client";

import { useState, useTransition } from "react";
import { assignAction, assignGroupAction } from "@/app/(dashboard)/inbox/actions";

/** The "Agent" dropdown (SPEC §5): Agents, "Unassigned", and the account's groups (issue 16). */
export function AgentSelect({
  conversationId,
  assigneeId,
  assignedGroupId = null,
  agents,
  groups = [],
  disabled,
}: {
  conversationId: string;
  assigneeId: string | null;
  assignedGroupId?: string | null;
  agents: { id: string; name: string }[];
  groups?: { id: string; name: string }[];
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
        value={assigneeId ?? (assignedGroupId ? `group:${assignedGroupId}` : "")}
        disabled={disabled || pending}
        title={disabled ? "Only the owner or an admin can reassign this conversation." : undefined}
        onChange={(e) => {
          const next = e.target.value || null;
          start(async () => {
            const result = next?.startsWith("group:")
              ? await assignGroupAction({ conversationId, groupId: next.slice("group:".length) })
              : await assignAction({ conversationId, assigneeId: next });
            setError(result.error ?? null);
          });
        }}
      >
        <option value="">Unassigned</option>
        <optgroup label="Agents">
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </optgroup>
        {groups.length ? (
          <optgroup label="Groups">
            {groups.map((g) => (
              <option key={g.id} value={`group:${g.id}`}>
                {g.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {error ? <span className="text-xs text-red-600" role="alert">{error}</span> : null}
    </label>
  );
}

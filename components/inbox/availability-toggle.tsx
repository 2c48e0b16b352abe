"use client";

import { useState, useTransition } from "react";
import { setAvailabilityAction } from "@/app/(dashboard)/inbox/actions";
import type { AgentStatus, Availability } from "@/lib/inbox/assignment/agent-status";

/**
 * The agent's status in the header (issue 16): "Available" or "Away". Automatic assignment only
 * picks available agents with an inbox tab open (or closed for less than the account's delay).
 */
export function AvailabilityToggle({ initial }: { initial: AgentStatus }) {
  const [availability, setAvailability] = useState<Availability>(initial.availability);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const dot = availability === "available" ? "bg-green-500" : "bg-slate-400";
  return (
    <label className="flex items-center gap-1.5 text-sm text-slate-600" title={error ?? "Automatic assignment skips agents who are Away."}>
      <span className={`inline-block h-2 w-2 rounded-full ${dot}`} aria-hidden="true" />
      <span className="sr-only">Your status</span>
      <select
        aria-label="Your status"
        value={availability}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value as Availability;
          const before = availability;
          setAvailability(next);
          start(async () => {
            const result = await setAvailabilityAction({ availability: next });
            if (result.error) {
              setAvailability(before);
              setError(result.error);
            } else setError(null);
          });
        }}
        className="rounded-md border border-slate-200 bg-white px-1.5 py-1 text-sm"
      >
        <option value="available">Available</option>
        <option value="away">Away</option>
      </select>
      {error ? <span className="text-xs text-red-600" role="alert">{error}</span> : null}
    </label>
  );
}

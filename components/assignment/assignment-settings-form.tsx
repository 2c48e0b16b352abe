"use client";

import { useActionState } from "react";
import { assignmentSettingsAction, type AssignmentFormState } from "@/app/(dashboard)/settings/conversations/assignment/actions";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { assignmentModeLabel, assignmentModes, type AssignmentSettings } from "@/lib/inbox/assignment/assignment-settings";

const hint: Record<(typeof assignmentModes)[number], string> = {
  off: "Conversations arrive Unassigned; the first agent to reply takes them.",
  round_robin: "Each available agent in turn.",
  least_open: "The available agent with the fewest open conversations.",
};

export function AssignmentSettingsForm({ settings }: { settings: AssignmentSettings }) {
  const [state, action] = useActionState<AssignmentFormState, FormData>(assignmentSettingsAction, {});
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-label="Assignment">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Assign new and reopened conversations</legend>
        {assignmentModes.map((mode) => (
          <label key={mode} className="flex items-start gap-3">
            <input type="radio" name="mode" value={mode} defaultChecked={settings.mode === mode} className="mt-1" />
            <span>
              <span className="block text-sm font-medium">{assignmentModeLabel[mode]}</span>
              <span className="block text-xs text-slate-500">{hint[mode]}</span>
            </span>
          </label>
        ))}
        {state.fieldErrors?.mode ? <p className="text-sm text-red-600">{state.fieldErrors.mode}</p> : null}
      </fieldset>
      <Field
        label="Most open conversations per agent"
        name="maxOpenPerAgent"
        type="number"
        min={1}
        max={1000}
        defaultValue={settings.maxOpenPerAgent ?? ""}
        placeholder="No limit"
        hint="Leave empty for no limit. A full agent is skipped; when everyone is full the conversation stays Unassigned."
        error={state.fieldErrors?.maxOpenPerAgent}
      />
      <Field
        label="Away after (minutes without the inbox open)"
        name="awayAfterMinutes"
        type="number"
        min={1}
        max={1440}
        defaultValue={settings.awayAfterMinutes}
        error={state.fieldErrors?.awayAfterMinutes}
      />
      {state.error && !state.fieldErrors ? <p className="text-sm text-red-600" role="alert">{state.error}</p> : null}
      {state.ok ? <p className="text-sm text-green-700" role="status">Saved.</p> : null}
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
    </form>
  );
}

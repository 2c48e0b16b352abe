"use client";

import { useActionState } from "react";
import { archiveCategoryAction, archiveResponseAction, type SavedResponseFormState } from "@/app/(dashboard)/settings/saved-responses/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormError } from "./form-bits";

/** "Archive": hides a category or a response from the composer; nothing is deleted. */
export function ArchiveButton({ kind, id, name }: { kind: "category" | "response"; id: string; name: string }) {
  const [state, action] = useActionState<SavedResponseFormState, FormData>(kind === "category" ? archiveCategoryAction : archiveResponseAction, {});
  return (
    <form
      action={action}
      onSubmit={(e) => {
        const what = kind === "category" ? `the category "${name}" and its responses` : `"${name}"`;
        if (!window.confirm(`Archive ${what}? Agents will no longer see it. Nothing is deleted.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton pendingLabel="Archiving…" variant="secondary">
        <span aria-label={`Archive ${name}`}>Archive</span>
      </SubmitButton>
      <FormError state={state} />
    </form>
  );
}

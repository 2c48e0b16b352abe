"use client";

import { useActionState } from "react";
import { createResponseAction, updateResponseAction, type SavedResponseFormState } from "@/app/(dashboard)/settings/saved-responses/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormError, inputClass } from "./form-bits";

/** New saved response in a category, or edit one (with `response`). Text is stored literally. */
export function ResponseForm({
  categoryId,
  categories,
  response,
}: {
  categoryId: string;
  categories: { id: string; name: string }[];
  response?: { id: string; title: string; body: string };
}) {
  const [state, action] = useActionState<SavedResponseFormState, FormData>(response ? updateResponseAction : createResponseAction, {});
  const label = response ? `saved response ${response.title}` : "new saved response";
  return (
    <form action={action} className="space-y-2" aria-label={response ? `Edit ${response.title}` : "New saved response"}>
      {response ? <input type="hidden" name="id" value={response.id} /> : null}
      <div className="flex flex-wrap gap-2">
        <input
          key={response ? undefined : state.at}
          name="title"
          aria-label={`Title of ${label}`}
          placeholder="Title"
          defaultValue={response?.title ?? ""}
          className={`${inputClass} min-w-48 flex-1`}
        />
        <select name="categoryId" defaultValue={categoryId} aria-label={`Category of ${label}`} className={inputClass}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <textarea
        key={response ? undefined : state.at}
        name="body"
        rows={3}
        aria-label={`Text of ${label}`}
        placeholder="Text, inserted as written (tags such as {{first_name}} are not expanded)"
        defaultValue={response?.body ?? ""}
        className={`${inputClass} w-full`}
      />
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Saving…" variant={response ? "secondary" : "primary"}>
          {response ? "Save" : "Add response"}
        </SubmitButton>
        {state.ok && response ? (
          <span role="status" className="text-sm text-green-700">
            Saved.
          </span>
        ) : null}
      </div>
      <FormError state={state} />
    </form>
  );
}

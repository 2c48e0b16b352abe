"use client";

import { useActionState } from "react";
import { createCategoryAction, renameCategoryAction, type SavedResponseFormState } from "@/app/(dashboard)/settings/saved-responses/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormError, inputClass } from "./form-bits";

/** New category, or rename one (with `category`). */
export function CategoryForm({ category }: { category?: { id: string; name: string } }) {
  const [state, action] = useActionState<SavedResponseFormState, FormData>(category ? renameCategoryAction : createCategoryAction, {});
  return (
    <form action={action} className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        {category ? <input type="hidden" name="id" value={category.id} /> : null}
        <input
          key={category ? undefined : state.at}
          name="name"
          aria-label={category ? `Name of category ${category.name}` : "New category name"}
          defaultValue={category?.name ?? ""}
          placeholder="New category, e.g. Shipping"
          className={`${inputClass} min-w-56 flex-1`}
        />
        <SubmitButton pendingLabel="Saving…" variant={category ? "secondary" : "primary"}>
          {category ? "Rename" : "Add category"}
        </SubmitButton>
      </div>
      <FormError state={state} />
    </form>
  );
}

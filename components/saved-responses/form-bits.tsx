import type { SavedResponseFormState } from "@/app/(dashboard)/settings/saved-responses/actions";

export const inputClass =
  "block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500";

/** The form's error, with the field messages under it. */
export function FormError({ state }: { state: SavedResponseFormState }) {
  if (!state.error) return null;
  const details = Object.values(state.fieldErrors ?? {}).filter((m) => m !== state.error);
  return (
    <p role="alert" className="text-sm text-red-700">
      {[state.error, ...details].join(" ")}
    </p>
  );
}

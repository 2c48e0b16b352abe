"use client";

import { useActionState, useEffect, useRef, useTransition } from "react";
import { tagAction, untagAction, type ActionState } from "@/app/(dashboard)/inbox/actions";

export function TagEditor({ conversationId, tags, canEdit }: { conversationId: string; tags: { id: string; name: string }[]; canEdit: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(tagAction, {});
  const [pending, start] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <section aria-label="Tags">
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Tags</h3>
      <ul className="flex flex-wrap gap-1.5">
        {tags.length === 0 ? <li className="text-sm text-slate-500">No tags</li> : null}
        {tags.map((t) => (
          <li key={t.id} className="flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
            {t.name}
            {canEdit ? (
              <button type="button" disabled={pending} aria-label={`Remove tag ${t.name}`} className="text-slate-500 hover:text-slate-700" onClick={() => start(async () => void (await untagAction({ conversationId, tagId: t.id })))}>
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form ref={form} action={action} className="mt-2 flex gap-1.5">
          <input type="hidden" name="conversationId" value={conversationId} />
          <input name="name" aria-label="New tag" data-shortcut="tag" placeholder="Add a tag" className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm" />
          <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50">
            Add
          </button>
        </form>
      ) : null}
      {state.error ? <p className="mt-1 text-xs text-red-600" role="alert">{state.error}</p> : null}
    </section>
  );
}

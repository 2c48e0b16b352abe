"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { noteAction, type ActionState } from "@/app/(dashboard)/inbox/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { mentionQueryAt } from "@/lib/inbox/notes/mentions";

/**
 * A private note (issue 16): seen by the team only, never sent to the contact. Typing "@" offers
 * the account's agents; the server decides who was mentioned from the text (lib/inbox/notes/mentions.ts).
 */
export function NoteComposer({ conversationId, agents }: { conversationId: string; agents: { id: string; name: string }[] }) {
  const [state, action] = useActionState<ActionState, FormData>(noteAction, {});
  const [body, setBody] = useState("");
  const [caret, setCaret] = useState(0);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (state.ok) setBody("");
  }, [state]);

  const typing = mentionQueryAt(body, caret);
  const suggestions = typing
    ? agents.filter((a) => a.name.toLowerCase().startsWith(typing.query.toLowerCase())).slice(0, 6)
    : [];

  function pick(name: string) {
    if (!typing) return;
    const next = `${body.slice(0, typing.start)}@${name} ${body.slice(caret)}`;
    const at = typing.start + name.length + 2;
    setBody(next);
    setCaret(at);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(at, at);
    });
  }

  return (
    <form action={action} className="border-t border-amber-200 bg-amber-50 px-4 py-3" aria-label="Private note">
      <input type="hidden" name="conversationId" value={conversationId} />
      <p className="mb-2 text-xs text-amber-800">Only your team sees notes: the contact never receives them. Type @ to mention an agent.</p>
      <div className="relative">
        <textarea
          ref={textarea}
          name="body"
          aria-label="Note"
          rows={3}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            setCaret(e.target.selectionStart ?? e.target.value.length);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          placeholder="Write a private note…"
          className="block w-full resize-y rounded-md border border-amber-300 bg-white px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-amber-400"
        />
        {suggestions.length ? (
          <ul className="absolute bottom-full left-0 z-10 mb-1 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg" role="listbox" aria-label="Mention an agent">
            {suggestions.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  role="option"
                  aria-selected={false}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(a.name);
                  }}
                  className="w-full px-3 py-1.5 text-left text-sm hover:bg-slate-100"
                >
                  @{a.name}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {state.error ? (
        <p className="mt-1 text-sm text-red-600" role="alert">
          {state.error}
        </p>
      ) : null}
      <div className="mt-2 flex justify-end">
        <SubmitButton pendingLabel="Saving…">Add note</SubmitButton>
      </div>
    </form>
  );
}

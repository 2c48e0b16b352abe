"use client";

import { typingLine, viewingLine, type Member } from "@/lib/inbox/collision/typing";

/** "Bob is also viewing" and "Bob is typing…" (the visitor shows under the contact's name). */
export function CollisionBar({ viewers, typing, contactName }: { viewers: Member[]; typing: Member[]; contactName: string }) {
  const viewing = viewingLine(viewers.map((m) => m.name));
  const typingText = typingLine(typing.map((m) => (m.kind === "visitor" ? contactName : m.name)));
  if (!viewing && !typingText) return <div aria-live="polite" data-testid="collision-bar" className="sr-only" />;
  return (
    <div aria-live="polite" data-testid="collision-bar" className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-900">
      {viewing ? (
        <span data-testid="collision-viewing" className="flex items-center gap-1">
          <svg viewBox="0 0 24 24" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
            <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" />
            <circle cx="12" cy="12" r="3" />
          </svg>
          {viewing}
        </span>
      ) : null}
      {typingText ? (
        <span data-testid="collision-typing" className="italic">
          {typingText}
        </span>
      ) : null}
    </div>
  );
}

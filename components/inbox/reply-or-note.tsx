"use client";

import { useState, type ReactNode } from "react";
import { NoteComposer } from "./note-composer";

/** The composer's "Reply" / "Note" toggle: a reply goes to the contact, a note stays with the team. */
export function ReplyOrNote({
  conversationId,
  agents,
  canWriteNote,
  children,
}: {
  conversationId: string;
  agents: { id: string; name: string }[];
  canWriteNote: boolean;
  /** The reply composer. */
  children: ReactNode;
}) {
  const [mode, setMode] = useState<"reply" | "note">("reply");
  if (!canWriteNote) return <>{children}</>;
  return (
    <div>
      <div className="flex gap-1 border-t border-slate-200 bg-white px-4 pt-2" role="tablist" aria-label="Composer mode">
        {(["reply", "note"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className={`rounded-t-md px-3 py-1 text-sm ${mode === m ? (m === "note" ? "bg-amber-100 font-medium text-amber-900" : "bg-slate-100 font-medium") : "text-slate-500 hover:text-slate-800"}`}
          >
            {m === "reply" ? "Reply" : "Note"}
          </button>
        ))}
      </div>
      {/* Both stay mounted so a half-written reply survives a look at the note tab. */}
      <div hidden={mode !== "reply"}>{children}</div>
      <div hidden={mode !== "note"}>
        <NoteComposer conversationId={conversationId} agents={agents} />
      </div>
    </div>
  );
}

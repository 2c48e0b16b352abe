"use client";

import { useEffect, useState } from "react";
import { sendKeyHint, type SendKeyMode } from "@/lib/inbox/composer/composer-keys";

/** "Enter to send · Shift+Enter for a new line", with the per-user switch to Ctrl/⌘+Enter. */
export function SendKeyHint({ id, mode, onChange }: { id: string; mode: SendKeyMode; onChange: (mode: SendKeyMode) => void }) {
  const [mac, setMac] = useState(false);
  useEffect(() => setMac(/Mac|iPhone|iPad/.test(navigator.platform)), []);
  return (
    <div className="mr-auto flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
      <span id={id}>{sendKeyHint(mode, mac)}</span>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={mode === "enter"} onChange={(e) => onChange(e.target.checked ? "enter" : "modEnter")} className="h-3.5 w-3.5" />
        Enter sends
      </label>
    </div>
  );
}

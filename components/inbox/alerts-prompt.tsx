"use client";

import { useEffect, useState } from "react";
import type { NotificationPreferences } from "@/lib/inbox/notification-settings";
import { unlockAlertSound } from "./alert-sound";

const dismissedKey = "conversations:alerts-prompt-done";

/**
 * Browsers play sound and show desktop notifications only after a click on the page. This one-time
 * prompt is that click: it unlocks the sound and asks for desktop permission (when the user turned
 * desktop alerts on), then never shows again in this browser.
 */
export function AlertsPrompt({ settings }: { settings: NotificationPreferences }) {
  const [show, setShow] = useState(false);
  useEffect(() => {
    let done = false;
    try {
      done = localStorage.getItem(dismissedKey) === "1";
    } catch {
      // storage disabled: ask each visit
    }
    setShow(!done && (settings.audio || settings.desktop));
  }, [settings.audio, settings.desktop]);
  if (!show) return null;
  const finish = () => {
    try {
      localStorage.setItem(dismissedKey, "1");
    } catch {
      // storage disabled
    }
    setShow(false);
  };
  return (
    <div className="hidden items-center gap-1 md:flex" data-testid="alerts-prompt">
      <button
        type="button"
        className="rounded-md border border-brand-500 px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
        onClick={async () => {
          unlockAlertSound();
          if (settings.desktop && typeof Notification !== "undefined" && Notification.permission === "default") {
            await Notification.requestPermission().catch(() => "default");
          }
          finish();
        }}
      >
        Enable sound and desktop alerts
      </button>
      <button type="button" className="rounded-md px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100" onClick={finish} aria-label="Dismiss the alerts prompt">
        ✕
      </button>
    </div>
  );
}

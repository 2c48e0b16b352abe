"use client";

import { useActionState, useEffect, useState } from "react";
import { notificationSettingsAction, type ActionState } from "@/app/(dashboard)/inbox/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import type { NotificationPreferences } from "@/lib/inbox/notification-settings";

export function NotificationSettingsForm({ settings }: { settings: NotificationPreferences }) {
  const [state, action] = useActionState<ActionState, FormData>(notificationSettingsAction, {});
  const [permission, setPermission] = useState<string>("default");
  useEffect(() => {
    setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
  }, []);
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <p className="text-sm text-slate-600">
        You always see notifications in the bell. You can also get them on your desktop and hear a sound when one arrives.
      </p>
      <label className="flex items-start gap-3">
        <input type="checkbox" name="desktop" defaultChecked={settings.desktop} className="mt-1" />
        <span>
          <span className="block text-sm font-medium">Desktop notifications</span>
          <span className="block text-xs text-slate-500">
            {permission === "granted"
              ? "This browser allows them."
              : permission === "denied"
                ? "This browser blocks them: allow notifications for this site in the browser's settings."
                : permission === "unsupported"
                  ? "This browser does not support desktop notifications."
                  : "Your browser will ask for permission."}
          </span>
          {permission === "default" ? (
            <button type="button" className="mt-1 text-xs text-brand-700 underline" onClick={async () => setPermission(await Notification.requestPermission())}>
              Allow desktop notifications
            </button>
          ) : null}
        </span>
      </label>
      <label className="flex items-start gap-3">
        <input type="checkbox" name="audio" defaultChecked={settings.audio} className="mt-1" />
        <span className="block text-sm font-medium">Play a sound</span>
      </label>
      {state.error ? <p className="text-sm text-red-600" role="alert">{state.error}</p> : null}
      {state.ok ? <p className="text-sm text-green-700" role="status">Saved.</p> : null}
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
    </form>
  );
}

"use client";

import { useEffect, useState } from "react";
import { useRealtimeConnectionState } from "./realtime-provider";

const SHOW_BACK_ONLINE_MS = 3000;

/**
 * A small visible notice while the live connection is down ("Reconnecting…"), then, once the
 * events missed meanwhile are caught up, "Back online — caught up" for a few seconds.
 */
export function ReconnectingIndicator() {
  const { state, everConnected, caughtUpAt } = useRealtimeConnectionState();
  const [backOnline, setBackOnline] = useState(false);
  useEffect(() => {
    if (caughtUpAt === null) return;
    setBackOnline(true);
    const timer = setTimeout(() => setBackOnline(false), SHOW_BACK_ONLINE_MS);
    return () => clearTimeout(timer);
  }, [caughtUpAt]);
  // The first connect of a page load is not a *re*connect, unless it keeps failing.
  const down = state !== "connected" && (everConnected || state === "unavailable" || state === "failed");
  if (!down && !(backOnline && state === "connected")) return null;
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="connection-indicator"
      className={`fixed bottom-4 left-4 z-50 flex items-center gap-2 rounded-md px-3 py-1.5 text-sm shadow ${down ? "bg-amber-100 text-amber-900" : "bg-green-100 text-green-900"}`}
    >
      <span className={`h-2 w-2 rounded-full ${down ? "animate-pulse bg-amber-500" : "bg-green-600"}`} aria-hidden />
      {down ? "Reconnecting…" : "Back online — caught up"}
    </div>
  );
}

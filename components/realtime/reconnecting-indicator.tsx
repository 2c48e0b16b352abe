"use client";

import { useRealtimeConnectionState } from "./realtime-provider";

/** A small visible notice while the live connection is down; events missed meanwhile are caught up. */
export function ReconnectingIndicator() {
  const { state, everConnected } = useRealtimeConnectionState();
  // The first connect of a page load is not a *re*connect, unless it keeps failing.
  if (state === "connected" || (!everConnected && state !== "unavailable" && state !== "failed")) return null;
  return (
    <div
      role="status"
      aria-live="polite"
      className="fixed bottom-4 left-4 z-50 flex items-center gap-2 rounded-md bg-amber-100 px-3 py-1.5 text-sm text-amber-900 shadow"
    >
      <span className="h-2 w-2 animate-pulse rounded-full bg-amber-500" aria-hidden />
      Reconnecting…
    </div>
  );
}

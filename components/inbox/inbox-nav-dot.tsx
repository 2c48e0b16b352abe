"use client";

import { useNotifications } from "./notifications-context";

/** The dot on the Inbox navigation item while something is new (SPEC §4): any unread notification. */
export function InboxNavDot() {
  const { unread } = useNotifications();
  if (!unread) return null;
  return <span className="ml-1.5 inline-block h-2 w-2 rounded-full bg-red-600 align-middle" aria-label="Something new" data-testid="inbox-dot" />;
}

"use client";

import { useEffect, useState } from "react";

/** The dot on the Inbox navigation item while something is new (SPEC §4); the bell reports its unread count. */
export function InboxNavDot({ initialUnread }: { initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);
  useEffect(() => {
    const onUnread = (e: Event) => setUnread((e as CustomEvent<number>).detail);
    window.addEventListener("inbox-unread", onUnread);
    return () => window.removeEventListener("inbox-unread", onUnread);
  }, []);
  if (!unread) return null;
  return <span className="ml-1.5 inline-block h-2 w-2 rounded-full bg-red-600 align-middle" aria-label="Something new" data-testid="inbox-dot" />;
}

"use client";

import { useRouter } from "next/navigation";
import type { RealtimeEventType } from "@/lib/realtime/events";
import { useOptionalRealtimeEvents } from "./realtime-provider";

/** Re-renders the page's server components when one of these realtime events arrives. */
export function RefreshOnEvents({ types }: { types: RealtimeEventType[] }) {
  const router = useRouter();
  useOptionalRealtimeEvents((event) => {
    if (types.includes(event.type)) router.refresh();
  });
  return null;
}

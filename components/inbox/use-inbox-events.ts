"use client";

import { useRealtimeEvents } from "@/components/realtime/realtime-provider";

export type InboxEvent = { seq: number; type: string; channel: string; payload: Record<string, unknown> };

/**
 * Live inbox events (conversation.changed, message.created, contact.changed on the account
 * channel; notification.created on the user's channel) from the realtime provider: in seq order,
 * each once, with catch-up after a reconnect. Handlers patch single rows or threads.
 */
export function useInboxEvents(handler: (event: InboxEvent) => void) {
  useRealtimeEvents((event) => {
    if (event.payload && typeof event.payload === "object") handler(event as InboxEvent);
  });
}

"use client";

import { useEffect, useRef } from "react";

export type InboxEvent = { seq: number; type: string; channel: string; payload: Record<string, unknown> };
type Handler = (event: InboxEvent) => void;

/**
 * Live inbox events for this tab. Until the realtime provider (Pusher, branch `realtime`) is in
 * main, one shared poller per tab reads /api/inbox/events after the last seq it applied — the same
 * outbox events, in seq order, each once. Swapping to `useRealtimeEvents(handler)` changes only
 * this file: every consumer already handles `{ seq, type, channel, payload }`.
 */
const handlers = new Set<Handler>();
let timer: ReturnType<typeof setTimeout> | null = null;
let lastSeq: number | null = null;
const POLL_MS = 1000;

async function poll() {
  timer = null;
  try {
    let more = true;
    while (more && handlers.size) {
      const response = await fetch(`/api/inbox/events${lastSeq === null ? "" : `?after=${lastSeq}`}`, { cache: "no-store" });
      if (!response.ok) break;
      const page = (await response.json()) as { head: number; events: InboxEvent[]; hasMore: boolean };
      for (const event of page.events) {
        if (lastSeq !== null && event.seq <= lastSeq) continue;
        lastSeq = event.seq;
        for (const h of [...handlers]) h(event);
      }
      lastSeq = Math.max(lastSeq ?? 0, page.head);
      more = page.hasMore;
    }
  } catch {
    // Network hiccup: the next poll resumes after the last applied seq, so nothing is lost.
  }
  if (handlers.size && !timer) timer = setTimeout(poll, POLL_MS);
}

export function useInboxEvents(handler: Handler) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const h: Handler = (e) => latest.current(e);
    handlers.add(h);
    if (!timer) timer = setTimeout(poll, 0);
    return () => {
      handlers.delete(h);
      if (!handlers.size && timer) {
        clearTimeout(timer);
        timer = null;
      }
    };
  }, []);
}

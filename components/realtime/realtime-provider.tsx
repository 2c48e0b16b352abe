"use client";

import PusherClient from "pusher-js";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { attachEventSync } from "@/lib/realtime/attach-event-sync";
import type { CatchUpPage } from "@/lib/realtime/catch-up";
import type { BrowserRealtimeConfig } from "@/lib/realtime/config";
import { EventSync } from "@/lib/realtime/event-sync";
import { isRealtimeEvent, type ReceivedEvent } from "@/lib/realtime/events";

type Handler = (event: ReceivedEvent) => void;

const RETRY_MS = 1000;

type RealtimeContextValue = {
  connectionState: string;
  /** Whether this tab has been connected at least once (so a drop is a *re*connect). */
  everConnected: boolean;
  /** When the last catch-up after a reconnect finished (ms), for "Back online — caught up". */
  caughtUpAt: number | null;
  /** The tab's pusher-js client once created (for per-conversation presence channels). */
  client: PusherClient | null;
  addHandler(handler: Handler): () => void;
};

const RealtimeContext = createContext<RealtimeContextValue | null>(null);

async function fetchAfter(afterSeq: number | null): Promise<CatchUpPage> {
  const query = afterSeq === null ? "" : `?after=${afterSeq}`;
  const response = await fetch(`/api/realtime/events${query}`, { cache: "no-store", credentials: "same-origin" });
  if (!response.ok) throw new Error(`catch-up failed with ${response.status}`);
  return response.json();
}

/**
 * One pusher-js client per tab, subscribed to the realtime channels the user may see (the server's
 * visibleRealtimeChannels: the account's and the user's, and the admins' for an admin). Every
 * (re)subscription fetches the events after the last one applied, so a tab that slept or lost
 * its connection catches up without gaps; each event reaches the handlers once, in seq order.
 * An event whose type the server does not emit (see lib/realtime/events.ts) is skipped.
 * `initialSeq`: the account's event number read by the server before it rendered the page.
 */
export function RealtimeProvider({
  config,
  realtimeChannels,
  initialSeq,
  children,
}: {
  config: BrowserRealtimeConfig;
  realtimeChannels: string[];
  initialSeq: number | null;
  children: ReactNode;
}) {
  const handlers = useRef(new Set<Handler>());
  const [connectionState, setConnectionState] = useState("initialized");
  const [everConnected, setEverConnected] = useState(false);
  const [caughtUpAt, setCaughtUpAt] = useState<number | null>(null);
  const [client, setClient] = useState<PusherClient | null>(null);
  const [value] = useState<Pick<RealtimeContextValue, "addHandler">>(() => ({
    addHandler(handler) {
      handlers.current.add(handler);
      return () => handlers.current.delete(handler);
    },
  }));

  const { key, cluster, wsHost, wsPort, wssPort, forceTLS, enabledTransports } = config;
  useEffect(() => {
    const client = new PusherClient(key, {
      cluster,
      wsHost,
      wsPort,
      wssPort,
      forceTLS,
      enabledTransports,
      disableStats: true,
      channelAuthorization: { endpoint: "/api/realtime/auth", transport: "ajax" },
    });
    setClient(client);
    // pusher-js waits out a growing backoff (~15 s) before redialling a server that went away;
    // while a connection that once worked is down, redial every second instead, so the tab is
    // back within ~1 s of the server returning (and catches up right after).
    let wasConnected = false;
    let reconnecting = false;
    let retry: ReturnType<typeof setInterval> | null = null;
    const stopRetry = () => {
      if (retry) clearInterval(retry);
      retry = null;
    };
    const onState = ({ current }: { current: string }) => {
      setConnectionState(current);
      if (current === "connected") {
        setEverConnected(true);
        wasConnected = true;
        stopRetry();
      } else if (wasConnected && current !== "disconnected" && !retry) {
        reconnecting = true;
        let ticks = 0;
        retry = setInterval(() => {
          ticks += 1;
          // Every second for the first half minute, then every 5 s, until connected.
          if (client.connection.state === "connected" || (ticks > 30 && ticks % 5 !== 0)) return;
          client.disconnect();
          client.connect();
        }, RETRY_MS);
      }
    };
    client.connection.bind("state_change", onState);
    const sync = new EventSync({
      initialSeq,
      fetchAfter: async (afterSeq) => {
        const page = await fetchAfter(afterSeq);
        if (!page.hasMore && reconnecting) {
          reconnecting = false;
          setCaughtUpAt(Date.now());
        }
        return page;
      },
      apply: (event) => {
        if (isRealtimeEvent(event)) handlers.current.forEach((handle) => handle(event));
      },
    });
    const detach = attachEventSync({ client, realtimeChannels, sync });
    // Back online or back in view after sleep: redial now instead of waiting out pusher-js's backoff.
    const redial = () => {
      if (document.visibilityState === "hidden" || client.connection.state === "connected") return;
      client.disconnect();
      client.connect();
    };
    window.addEventListener("online", redial);
    document.addEventListener("visibilitychange", redial);
    return () => {
      stopRetry();
      setClient(null);
      window.removeEventListener("online", redial);
      document.removeEventListener("visibilitychange", redial);
      detach();
      client.connection.unbind("state_change", onState);
      client.disconnect();
    };
    // initialSeq seeds a new client only; a later render's value must not reconnect the tab.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, cluster, wsHost, wsPort, wssPort, forceTLS, enabledTransports?.join(","), realtimeChannels.join(",")]);

  return <RealtimeContext.Provider value={{ ...value, connectionState, everConnected, caughtUpAt, client }}>{children}</RealtimeContext.Provider>;
}

function useRealtimeContext() {
  const context = useContext(RealtimeContext);
  if (!context) throw new Error("Realtime hooks need a <RealtimeProvider> above them.");
  return context;
}

/**
 * Calls `handler` for every realtime event (live or caught up), in seq order; unbinds on unmount.
 * Dispatch on the type with `handleRealtimeEvent(event, { "conversation.changed": (payload) => … })`.
 */
export function useRealtimeEvents(handler: Handler) {
  const { addHandler } = useRealtimeContext();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => addHandler((event) => latest.current(event)), [addHandler]);
}

/** Like useRealtimeEvents, but a no-op where no provider is mounted (pages No-access admins also see). */
export function useOptionalRealtimeEvents(handler: Handler) {
  const addHandler = useContext(RealtimeContext)?.addHandler;
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => addHandler?.((event) => latest.current(event)), [addHandler]);
}

/** pusher-js connection state: "connected", "connecting", "unavailable", "disconnected", … */
export function useRealtimeConnectionState() {
  const { connectionState, everConnected, caughtUpAt } = useRealtimeContext();
  return { state: connectionState, everConnected, caughtUpAt };
}

/** The tab's pusher-js client (null before the provider's effect ran, or where no provider is mounted). */
export function useRealtimeClient() {
  return useContext(RealtimeContext)?.client ?? null;
}

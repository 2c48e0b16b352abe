"use client";

import PusherClient from "pusher-js";
import { useEffect } from "react";
import type { BrowserRealtimeConfig } from "@/lib/realtime/config";
import { presenceAccountChannel } from "@/lib/realtime/realtime-channel-names";

/**
 * Marks this user present in the account's inbox while an inbox tab is open: a subscription to
 * presence-account-{id}. The realtime server's member_added / member_removed webhooks record it
 * (lib/inbox/assignment/agent-status.ts), which automatic assignment reads. Renders nothing.
 */
export function InboxPresence({ config, accountId }: { config: BrowserRealtimeConfig; accountId: string }) {
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
    client.subscribe(presenceAccountChannel(accountId));
    return () => client.disconnect();
    // A re-render brings an equal config in a new array: only a changed value reconnects.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, cluster, wsHost, wsPort, wssPort, forceTLS, enabledTransports?.join(","), accountId]);
  return null;
}

"use client";

import { useEffect } from "react";
import { useRealtimeClient } from "@/components/realtime/realtime-provider";
import { presenceAccountChannel } from "@/lib/realtime/realtime-channel-names";

/**
 * Marks this user present in the account's inbox while an inbox tab is open: the tab's realtime
 * client joins presence-account-{id}. The realtime server's member_added / member_removed webhooks
 * record it (lib/inbox/assignment/agent-status.ts), which automatic assignment reads. Renders nothing.
 */
export function InboxPresence({ accountId }: { accountId: string }) {
  const client = useRealtimeClient();
  useEffect(() => {
    if (!client) return;
    const name = presenceAccountChannel(accountId);
    client.subscribe(name);
    return () => client.unsubscribe(name);
  }, [client, accountId]);
  return null;
}

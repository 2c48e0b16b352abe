import type PusherClient from "pusher-js";
import type { EventSync } from "./event-sync";
import { realtimeEventTypes } from "./events";

const serverEventNames = new Set<string>(realtimeEventTypes);

/**
 * Subscribes `client` to `realtimeChannels` and feeds their events into `sync`: live events as they
 * come; a catch-up each time every channel is subscribed again (first connect, reconnect, server
 * restart). Returns the function that unbinds and unsubscribes.
 */
export function attachEventSync({
  client,
  realtimeChannels,
  sync,
}: {
  client: PusherClient;
  realtimeChannels: string[];
  sync: EventSync;
}) {
  const ready = new Set<string>();
  const onStateChange = ({ current }: { current: string }) => {
    if (current !== "connected") {
      ready.clear();
      sync.pause();
    }
  };
  client.connection.bind("state_change", onStateChange);

  const detach = realtimeChannels.map((name) => {
    const channel = client.subscribe(name);
    const onSubscribed = () => {
      ready.add(name);
      if (ready.size === realtimeChannels.length) void sync.resync();
    };
    const onEvent = (eventName: string, data: unknown) => {
      // Only the server's own event names (never client-* or anything unknown), carrying their own type.
      if (!serverEventNames.has(eventName)) return;
      const event = data as { seq?: unknown; type?: unknown; payload?: unknown } | null;
      if (typeof event?.seq !== "number" || event.type !== eventName) return;
      sync.receive({ seq: event.seq, type: event.type, realtimeChannel: name, payload: event.payload });
    };
    channel.bind("pusher:subscription_succeeded", onSubscribed);
    channel.bind_global(onEvent);
    return () => {
      channel.unbind("pusher:subscription_succeeded", onSubscribed);
      channel.unbind_global(onEvent);
      client.unsubscribe(name);
    };
  });

  return () => {
    sync.stop();
    client.connection.unbind("state_change", onStateChange);
    detach.forEach((d) => d());
  };
}

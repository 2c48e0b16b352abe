/**
 * Which client events (`client-*`, sent by a browser straight to other subscribers) the realtime
 * server relays. Hosted Pusher disables client events by default; so does the local server,
 * except where a channel type enables one explicitly. Today only agents' typing indicator on a
 * conversation's presence channel (`presence-conversation-<id>`). Pure: the local server and
 * tests share it.
 */
const ALLOWED: { channelPrefix: string; events: readonly string[] }[] = [{ channelPrefix: "presence-conversation-", events: ["client-typing"] }];

export function isClientEventAllowed(channel: string, event: string): boolean {
  return ALLOWED.some((rule) => channel.startsWith(rule.channelPrefix) && channel.length > rule.channelPrefix.length && rule.events.includes(event));
}

/** The one client event: "someone is typing a reply" (sent by the inbox and the widget, ≤ 1 per 2 s). */
export const TYPING_EVENT = "client-typing";

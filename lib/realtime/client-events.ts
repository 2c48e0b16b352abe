/**
 * The one rule for events browsers send each other through the realtime server (client events):
 * only `client-typing`, and only on a conversation's presence channel, where the server has
 * authorised every member and stamps each event with the sender's server-given user id.
 * Everything else (other events, private channels, other presence channels) is refused.
 */
export const TYPING_EVENT = "client-typing";
const CONVERSATION_PRESENCE_PREFIX = "presence-conversation-";

export function isClientEventAllowed(channel: string, event: string): boolean {
  return event === TYPING_EVENT && channel.startsWith(CONVERSATION_PRESENCE_PREFIX) && channel.length > CONVERSATION_PRESENCE_PREFIX.length;
}

// Channel names, shared by the server (outbox, authorization) and the browser provider.
export const accountChannel = (accountId: string) => `private-account-${accountId}`;
export const userChannel = (userId: string) => `private-user-${userId}`;
/** Settings events (Channels, Team, Roles, Manage Seats) for every admin of the account, whatever their access level. */
export const adminsChannel = (accountId: string) => `private-admins-${accountId}`;
export const presenceAccountChannel = (accountId: string) => `presence-account-${accountId}`;
export const visitorChannel = (conversationId: string) => `private-visitor-${conversationId}`;
/** Names the account too, so a presence webhook can only ever touch that account's conversation. */
export const visitorPresenceChannel = (accountId: string, conversationId: string) => `presence-visitor-${accountId}-${conversationId}`;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const VISITOR_PRESENCE = new RegExp(`^presence-visitor-(${UUID})-(${UUID})$`);

export function parseVisitorPresenceChannel(name: string): { accountId: string; conversationId: string } | null {
  const match = VISITOR_PRESENCE.exec(name);
  return match ? { accountId: match[1], conversationId: match[2] } : null;
}
/** Who is viewing / typing in one conversation: its agents (any account member who can view the inbox) and its visitor. */
export const conversationPresenceChannel = (conversationId: string) => `presence-conversation-${conversationId}`;

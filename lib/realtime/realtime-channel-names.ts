// Channel names, shared by the server (outbox, authorization) and the browser provider.
export const accountChannel = (accountId: string) => `private-account-${accountId}`;
export const userChannel = (userId: string) => `private-user-${userId}`;
/** Settings events (Channels, Team, Roles, Manage Seats) for every admin of the account, whatever their access level. */
export const adminsChannel = (accountId: string) => `private-admins-${accountId}`;
export const presenceAccountChannel = (accountId: string) => `presence-account-${accountId}`;
export const visitorChannel = (conversationId: string) => `private-visitor-${conversationId}`;
export const visitorPresenceChannel = (conversationId: string) => `presence-visitor-${conversationId}`;
/** Who is viewing / typing in one conversation: its agents (any account member who can view the inbox) and its visitor. */
export const conversationPresenceChannel = (conversationId: string) => `presence-conversation-${conversationId}`;

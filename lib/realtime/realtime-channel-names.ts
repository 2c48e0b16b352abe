// Channel names, shared by the server (outbox, authorization) and the browser provider.
export const accountChannel = (accountId: string) => `private-account-${accountId}`;
export const userChannel = (userId: string) => `private-user-${userId}`;
export const presenceAccountChannel = (accountId: string) => `presence-account-${accountId}`;
export const visitorChannel = (conversationId: string) => `private-visitor-${conversationId}`;
export const visitorPresenceChannel = (conversationId: string) => `presence-visitor-${conversationId}`;
/** Who is viewing / typing in one conversation: its agents (any account member who can view the inbox) and its visitor. */
export const conversationPresenceChannel = (conversationId: string) => `presence-conversation-${conversationId}`;

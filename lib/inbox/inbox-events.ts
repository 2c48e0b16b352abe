import { visitorChannel } from "@/lib/realtime/realtime-channel-names";
import { accountChannel, userChannel, type NewEvent } from "@/lib/realtime/outbox";

/**
 * Realtime events of the inbox. Payloads carry ids and the few fields that changed; a client
 * refetches the one conversation row or thread it needs, never the whole list.
 */
export type ConversationChange =
  | "created"
  | "message"
  | "assigned"
  | "read"
  | "completed"
  | "reopened"
  | "tagged"
  | "contact"
  | "presence";

export function conversationChanged(
  accountId: string,
  conversationId: string,
  change: ConversationChange,
  fields: Record<string, unknown> = {},
): NewEvent {
  return {
    accountId,
    channel: accountChannel(accountId),
    type: "conversation.changed",
    payload: { conversationId, change, ...fields },
  };
}

export function messageCreated(accountId: string, conversationId: string, messageId: number, kind: "message" | "status"): NewEvent {
  return {
    accountId,
    channel: accountChannel(accountId),
    type: "message.created",
    payload: { conversationId, messageId, kind },
  };
}

export function notificationCreated(
  accountId: string,
  userId: string,
  notification: { id: string; kind: string; conversationId: string },
): NewEvent {
  return {
    accountId,
    channel: userChannel(userId),
    type: "notification.created",
    payload: { notificationId: notification.id, kind: notification.kind, conversationId: notification.conversationId },
  };
}

export function contactChanged(accountId: string, contactId: string): NewEvent {
  return { accountId, channel: accountChannel(accountId), type: "contact.changed", payload: { contactId } };
}

/** Tells the web-chat widget of the conversation that a team message arrived (never status messages). */
export function visitorMessageCreated(accountId: string, conversationId: string, messageId: number): NewEvent {
  return { accountId, channel: visitorChannel(conversationId), type: "visitor.message", payload: { conversationId, messageId } };
}

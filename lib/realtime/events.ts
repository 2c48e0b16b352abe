import type { notificationKind } from "@/db/schema";
import type { AccessLevel } from "@/lib/access/permissions";
import { accountChannel, adminsChannel, userChannel, visitorChannel } from "./realtime-channel-names";

/**
 * The contract between the server and the browser: every realtime event the server emits, one
 * member each, with its payload. Events are built only by the builders below (so `recordEvents`
 * gets nothing else) and consumed through `handleRealtimeEvent`, whose handlers are checked
 * against these names. Payloads carry ids and the few fields that changed (Pusher's limit is
 * 10 KB); a client refetches the row or thread it needs. Client-safe: no server imports.
 */
export type RealtimeEvent =
  | { type: "conversation.changed"; payload: ConversationChangedPayload }
  | { type: "message.created"; payload: { conversationId: string; messageId: number; kind: MessageKind } }
  /** An outbound message's delivery settled: sent, or not delivered with the provider's reason (agents see it live). */
  | { type: "message.deliveryChanged"; payload: MessageDeliveryChange }
  | { type: "contact.changed"; payload: { contactId: string } }
  | { type: "notification.created"; payload: { notificationId: string; kind: NotificationKind; conversationId: string; messageId?: number } }
  /** To the web-chat widget of the conversation: a team message arrived (never a status message). */
  | { type: "visitor.message"; payload: { conversationId: string; messageId: number } }
  | { type: "seats.changed"; payload: SeatsChange }
  /** `invoiceId` is absent for an invoice the provider sent without one. */
  | { type: "billing.invoiceChanged"; payload: { invoiceId?: string } }
  | { type: "billing.trialWillEnd"; payload: { subscriptionId: string } }
  | { type: "roles.changed"; payload: RolesChange }
  /** To the user whose level changed: their open tabs re-render with what the new level allows. */
  | { type: "access.changed"; payload: { fromLevel: AccessLevel; toLevel: AccessLevel } }
  /** An admin changed a channel's configuration: open Settings → Channels pages re-render. Never carries a secret. */
  | { type: "channels.changed"; payload: { channel: ChannelCard } }
  /** A group was created, renamed or deleted, or its members changed (Settings → Team, the assignment filters). */
  | { type: "groups.changed"; payload: { groupId: string } };

/** The cards of Settings → Channels. */
export type ChannelCard = "chat" | "email" | "sms" | "messenger" | "bot";

export type RealtimeEventType = RealtimeEvent["type"];
export type EventOf<K extends RealtimeEventType> = Extract<RealtimeEvent, { type: K }>;
export type PayloadOf<K extends RealtimeEventType> = EventOf<K>["payload"];

/** What changed in a conversation, for a client deciding whether to refetch its row or thread. */
export type ConversationChange = "created" | "message" | "assigned" | "read" | "completed" | "reopened" | "tagged" | "contact" | "presence";

export type ConversationChangeFields = {
  assigneeId?: string | null;
  /** The group it is assigned to (no individual owner), or null when that ended. */
  assignedGroupId?: string | null;
  status?: "open" | "complete";
  unread?: boolean;
  visitorOnline?: boolean;
  tagId?: string;
  tagName?: string;
  added?: boolean;
};

export type ConversationChangedPayload = { conversationId: string; change: ConversationChange } & ConversationChangeFields;

/** A delivery's new status: "pending" again after a Retry, "sent", or "failed" with the reason. */
export type MessageDeliveryChange = { conversationId: string; messageId: number; status: "pending" | "sent" | "failed"; error?: string };

/** A thread entry: a message, an agent-only status message, or a private note (agents and viewers). */
export type MessageKind = "message" | "status" | "note";

/** The notification kinds of SPEC §6. */
export type NotificationKind = (typeof notificationKind.enumValues)[number];

/** A trial started (its seats), or the purchased quantity was settled from the billing provider. */
export type SeatsChange = { trialSeats: number } | { purchased: number; previous: number };

export type RolesChange = {
  userId: string;
  actorId: string;
  fromLevel: AccessLevel;
  toLevel: AccessLevel;
  occupied: number;
  capacity: number;
};

/**
 * An event for the outbox: the account it belongs to and the realtime (Pusher) channel it goes
 * out on — not a message channel (chat, email, …). The outbox stores it in `events.channel`.
 */
export type NewEvent = RealtimeEvent & { accountId: string; realtimeChannel: string };

/**
 * An outbox event as the browser receives it — live from Pusher (whose event name is the type) or
 * from the catch-up endpoint: numbered per account, on one of the tab's realtime channels. Its
 * type is only a string until `isRealtimeEvent` has checked it.
 */
export type SequencedEvent = { seq: number; type: string; realtimeChannel: string; payload: unknown };

/** A received event the browser knows: what its handlers get. */
export type ReceivedEvent = SequencedEvent & RealtimeEvent;

function build<K extends RealtimeEventType>(accountId: string, realtimeChannel: string, type: K, payload: PayloadOf<K>): NewEvent {
  return { accountId, realtimeChannel, type, payload } as NewEvent;
}

// --- Builders: the only way events are made. ---------------------------------------------------
// Inbox events go to the account's channel (users who can view the inbox); settings events
// (seats, billing, roles, channels, groups) to the admins' channel, which every admin of the
// account receives at any access level and no one else does (decision 0050).

export function conversationChanged(
  accountId: string,
  conversationId: string,
  change: ConversationChange,
  fields: ConversationChangeFields = {},
): NewEvent {
  return build(accountId, accountChannel(accountId), "conversation.changed", { conversationId, change, ...fields });
}

export function messageCreated(accountId: string, conversationId: string, messageId: number, kind: MessageKind): NewEvent {
  return build(accountId, accountChannel(accountId), "message.created", { conversationId, messageId, kind });
}

export function messageDeliveryChanged(
  accountId: string,
  conversationId: string,
  messageId: number,
  status: MessageDeliveryChange["status"],
  error?: string,
): NewEvent {
  return build(accountId, accountChannel(accountId), "message.deliveryChanged", {
    conversationId,
    messageId,
    status,
    ...(error ? { error: error.slice(0, 500) } : {}),
  });
}

export function notificationCreated(
  accountId: string,
  userId: string,
  notification: { id: string; kind: NotificationKind; conversationId: string; messageId?: number },
): NewEvent {
  return build(accountId, userChannel(userId), "notification.created", {
    notificationId: notification.id,
    kind: notification.kind,
    conversationId: notification.conversationId,
    ...(notification.messageId ? { messageId: notification.messageId } : {}),
  });
}

export function contactChanged(accountId: string, contactId: string): NewEvent {
  return build(accountId, accountChannel(accountId), "contact.changed", { contactId });
}

/** Tells the web-chat widget of the conversation that a team message arrived (never status messages). */
export function visitorMessageCreated(accountId: string, conversationId: string, messageId: number): NewEvent {
  return build(accountId, visitorChannel(conversationId), "visitor.message", { conversationId, messageId });
}

export function seatsChanged(accountId: string, change: SeatsChange): NewEvent {
  return build(accountId, adminsChannel(accountId), "seats.changed", change);
}

export function invoiceChanged(accountId: string, invoiceId: string | undefined): NewEvent {
  return build(accountId, adminsChannel(accountId), "billing.invoiceChanged", { invoiceId });
}

export function trialWillEnd(accountId: string, subscriptionId: string): NewEvent {
  return build(accountId, adminsChannel(accountId), "billing.trialWillEnd", { subscriptionId });
}

export function rolesChanged(accountId: string, change: RolesChange): NewEvent {
  return build(accountId, adminsChannel(accountId), "roles.changed", change);
}

export function accessChanged(accountId: string, userId: string, change: { fromLevel: AccessLevel; toLevel: AccessLevel }): NewEvent {
  return build(accountId, userChannel(userId), "access.changed", change);
}

export function channelsChanged(accountId: string, channel: ChannelCard): NewEvent {
  return build(accountId, adminsChannel(accountId), "channels.changed", { channel });
}

export function groupsChanged(accountId: string, groupId: string): NewEvent {
  return build(accountId, adminsChannel(accountId), "groups.changed", { groupId });
}

// --- Consuming: what the browser does with what it receives. -----------------------------------

/** Every event type, checked complete by the compiler (a new union member must be added here). */
const eventTypes: { [K in RealtimeEventType]: true } = {
  "conversation.changed": true,
  "message.created": true,
  "message.deliveryChanged": true,
  "contact.changed": true,
  "notification.created": true,
  "visitor.message": true,
  "seats.changed": true,
  "billing.invoiceChanged": true,
  "billing.trialWillEnd": true,
  "roles.changed": true,
  "access.changed": true,
  "channels.changed": true,
  "groups.changed": true,
};

export const realtimeEventTypes = Object.keys(eventTypes) as RealtimeEventType[];

/** Whether a received `{ type, payload }` is an event the server emits; anything else is ignored. */
export function isRealtimeEvent<T extends { type: string; payload: unknown }>(event: T): event is T & RealtimeEvent {
  return Object.hasOwn(eventTypes, event.type) && typeof event.payload === "object" && event.payload !== null;
}

export type RealtimeHandlers = { [K in RealtimeEventType]?: (payload: PayloadOf<K>, event: EventOf<K>) => void };

/**
 * Calls the handler named by the event's type, if any, with its typed payload:
 * `handleRealtimeEvent(event, { "contact.changed": ({ contactId }) => … })`.
 */
export function handleRealtimeEvent(event: RealtimeEvent, handlers: RealtimeHandlers): void {
  const handler = handlers[event.type] as ((payload: RealtimeEvent["payload"], event: RealtimeEvent) => void) | undefined;
  handler?.(event.payload, event);
}

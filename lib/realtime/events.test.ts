import { describe, expect, test, vi } from "vitest";
import {
  accessChanged,
  channelsChanged,
  contactChanged,
  conversationChanged,
  groupsChanged,
  handleRealtimeEvent,
  invoiceChanged,
  isRealtimeEvent,
  messageCreated,
  notificationCreated,
  realtimeEventTypes,
  rolesChanged,
  seatsChanged,
  trialWillEnd,
  visitorMessageCreated,
  type NewEvent,
  type SequencedEvent,
} from "./events";
import { accountChannel, adminsChannel, userChannel, visitorChannel } from "./realtime-channel-names";

const accountId = "11111111-1111-4111-8111-111111111111";
const userId = "22222222-2222-4222-8222-222222222222";
const conversationId = "33333333-3333-4333-8333-333333333333";

describe("event builders", () => {
  test("address each event to its realtime channel with its type and payload", () => {
    expect(conversationChanged(accountId, conversationId, "assigned", { assigneeId: userId })).toEqual({
      accountId,
      realtimeChannel: accountChannel(accountId),
      type: "conversation.changed",
      payload: { conversationId, change: "assigned", assigneeId: userId },
    });
    expect(messageCreated(accountId, conversationId, 7, "status")).toMatchObject({
      realtimeChannel: accountChannel(accountId),
      type: "message.created",
      payload: { conversationId, messageId: 7, kind: "status" },
    });
    expect(notificationCreated(accountId, userId, { id: "n1", kind: "assigned", conversationId })).toMatchObject({
      realtimeChannel: userChannel(userId),
      type: "notification.created",
      payload: { notificationId: "n1", kind: "assigned", conversationId },
    });
    expect(contactChanged(accountId, "c1")).toMatchObject({ type: "contact.changed", payload: { contactId: "c1" } });
    expect(visitorMessageCreated(accountId, conversationId, 8)).toMatchObject({
      realtimeChannel: visitorChannel(conversationId),
      type: "visitor.message",
      payload: { conversationId, messageId: 8 },
    });
    // Settings events go to the account's admins, whatever their access level (decision 0050).
    const admins = adminsChannel(accountId);
    expect(seatsChanged(accountId, { trialSeats: 3 })).toMatchObject({ realtimeChannel: admins, type: "seats.changed", payload: { trialSeats: 3 } });
    expect(seatsChanged(accountId, { purchased: 5, previous: 2 })).toMatchObject({ payload: { purchased: 5, previous: 2 } });
    expect(invoiceChanged(accountId, "in_1")).toMatchObject({ realtimeChannel: admins, type: "billing.invoiceChanged", payload: { invoiceId: "in_1" } });
    expect(trialWillEnd(accountId, "sub_1")).toMatchObject({ realtimeChannel: admins, type: "billing.trialWillEnd", payload: { subscriptionId: "sub_1" } });
    const roles = { userId, actorId: userId, fromLevel: "viewer", toLevel: "agent", occupied: 2, capacity: 3 } as const;
    expect(rolesChanged(accountId, roles)).toMatchObject({ realtimeChannel: admins, type: "roles.changed", payload: roles });
    expect(channelsChanged(accountId, "sms")).toEqual({ accountId, realtimeChannel: admins, type: "channels.changed", payload: { channel: "sms" } });
    expect(groupsChanged(accountId, "g1")).toEqual({ accountId, realtimeChannel: admins, type: "groups.changed", payload: { groupId: "g1" } });
    expect(accessChanged(accountId, userId, { fromLevel: "agent", toLevel: "none" })).toMatchObject({
      realtimeChannel: userChannel(userId),
      type: "access.changed",
      payload: { fromLevel: "agent", toLevel: "none" },
    });
  });

  test("an ad-hoc event with a type the server does not emit, or the wrong payload, does not compile (tsc checks this file)", () => {
    // @ts-expect-error "inbox.refresh" is not a RealtimeEvent type.
    const adHoc: NewEvent = { accountId, realtimeChannel: accountChannel(accountId), type: "inbox.refresh", payload: {} };
    // @ts-expect-error contact.changed carries a contactId.
    const wrongPayload: NewEvent = { accountId, realtimeChannel: accountChannel(accountId), type: "contact.changed", payload: { id: 1 } };
    expect(isRealtimeEvent(adHoc)).toBe(false);
    expect(wrongPayload.type).toBe("contact.changed");
  });
});

describe("in the browser", () => {
  const received = (type: string, payload: unknown): SequencedEvent => ({ seq: 1, type, realtimeChannel: accountChannel(accountId), payload });

  test("isRealtimeEvent accepts every type the server emits and nothing else", () => {
    for (const type of realtimeEventTypes) expect(isRealtimeEvent(received(type, {}))).toBe(true);
    expect([...realtimeEventTypes].sort()).toEqual([
      "access.changed", "billing.invoiceChanged", "billing.trialWillEnd", "channels.changed", "contact.changed",
      "conversation.changed", "groups.changed", "message.created", "message.deliveryChanged", "notification.created",
      "roles.changed", "seats.changed", "visitor.message",
    ]);
    for (const type of ["inbox.refresh", "toString", "__proto__", "", "pusher:subscription_succeeded"]) {
      expect(isRealtimeEvent(received(type, {}))).toBe(false);
    }
    expect(isRealtimeEvent(received("contact.changed", null))).toBe(false);
    expect(isRealtimeEvent(received("contact.changed", "c1"))).toBe(false);
  });

  test("handleRealtimeEvent calls the handler named by the event's type, with its payload", () => {
    const onConversation = vi.fn();
    const onContact = vi.fn();
    const handlers = { "conversation.changed": onConversation, "contact.changed": onContact };
    const event = received("contact.changed", { contactId: "c1" });
    if (!isRealtimeEvent(event)) throw new Error("expected a known event");
    handleRealtimeEvent(event, handlers);
    expect(onContact).toHaveBeenCalledWith({ contactId: "c1" }, event);
    expect(onConversation).not.toHaveBeenCalled();

    const other = received("seats.changed", { trialSeats: 1 });
    if (!isRealtimeEvent(other)) throw new Error("expected a known event");
    handleRealtimeEvent(other, handlers);
    expect(onContact).toHaveBeenCalledTimes(1);
    expect(onConversation).not.toHaveBeenCalled();

    handleRealtimeEvent(event, {
      // @ts-expect-error handlers are keyed by event type: a misspelt one does not compile.
      "contact.change": () => {},
    });
  });
});

import { describe, expect, it } from "vitest";
import { isClientEventAllowed } from "./client-events";
import { accountChannel, conversationPresenceChannel, presenceAccountChannel, visitorChannel, visitorPresenceChannel } from "./realtime-channel-names";

const id = "6f1c9c1e-0000-4000-8000-000000000001";

describe("isClientEventAllowed", () => {
  it("allows only client-typing on a conversation's presence channel", () => {
    expect(isClientEventAllowed(conversationPresenceChannel(id), "client-typing")).toBe(true);
  });
  it("refuses any other client event there", () => {
    for (const event of ["client-message", "client-typing-x", "client-", "typing", "pusher:subscribe", "message.created"]) {
      expect(isClientEventAllowed(conversationPresenceChannel(id), event)).toBe(false);
    }
  });
  it("refuses client-typing on every other channel", () => {
    for (const channel of [accountChannel(id), presenceAccountChannel(id), visitorChannel(id), visitorPresenceChannel(id), "presence-conversation-", "private-conversation-x", "news"]) {
      expect(isClientEventAllowed(channel, "client-typing")).toBe(false);
    }
  });
});

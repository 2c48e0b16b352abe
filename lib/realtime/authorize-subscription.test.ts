import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { createInboxAccount, inbound } from "@/lib/inbox/inbox.fixtures";
import { authorizeSubscription } from "./authorize-subscription";
import { conversationPresenceChannel } from "./realtime-channel-names";
import { serverClient } from "./realtime-clients.fixtures";

const t = useTestDatabase();
const pusher = serverClient(1);
const socketId = "123.456";

describe("authorizeSubscription: a conversation's presence channel", () => {
  test("refused to another account's agent, a no-access user, the signed-out, another conversation's visitor and a made-up id", async () => {
    const acme = await createInboxAccount(t.db, "Acme");
    const other = await createInboxAccount(t.db, "Other");
    const { conversationId } = await inbound(t.db, acme.accountId);
    const { conversationId: otherConversation } = await inbound(t.db, other.accountId);
    const channelName = conversationPresenceChannel(conversationId);
    for (const actor of [other.owner, other.alice, acme.nobody, null]) {
      expect(await authorizeSubscription({ db: t.db, actor, socketId, channelName, pusher })).toMatchObject({ ok: false, status: 403 });
    }
    const strangerVisitor = { kind: "visitor" as const, accountId: acme.accountId, conversationId: otherConversation, visitorId: "v9" };
    expect(await authorizeSubscription({ db: t.db, actor: strangerVisitor, socketId, channelName, pusher })).toMatchObject({ ok: false });
    for (const bad of [conversationPresenceChannel("6f1c9c1e-0000-4000-8000-00000000dead"), conversationPresenceChannel("not-a-uuid")]) {
      expect(await authorizeSubscription({ db: t.db, actor: acme.alice, socketId, channelName: bad, pusher })).toMatchObject({ ok: false, status: 403 });
    }
  });

  test("granted to the account's agents and viewers with their server-side name, and to the conversation's visitor", async () => {
    const acme = await createInboxAccount(t.db, "Acme");
    const { conversationId } = await inbound(t.db, acme.accountId);
    const channelName = conversationPresenceChannel(conversationId);
    for (const actor of [acme.alice, acme.bob, acme.viewer]) {
      const result = await authorizeSubscription({ db: t.db, actor, socketId, channelName, pusher });
      if (!result.ok) throw new Error(result.error);
      expect(JSON.parse(result.auth.channel_data!)).toEqual({ user_id: actor.userId, user_info: { kind: "agent", name: actor.name } });
    }
    const visitor = { kind: "visitor" as const, accountId: acme.accountId, conversationId, visitorId: "v1" };
    const result = await authorizeSubscription({ db: t.db, actor: visitor, socketId, channelName, pusher });
    if (!result.ok) throw new Error(result.error);
    expect(JSON.parse(result.auth.channel_data!)).toEqual({ user_id: "visitor-v1", user_info: { kind: "visitor" } });
  });
});

import type Pusher from "pusher";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { conversations, users } from "@/db/schema";
import { authorizeChannel, type ChannelAuthorization, type RealtimePrincipal } from "./authorize-channel";

const CONVERSATION_PRESENCE = "presence-conversation-";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The channel authorization of both auth endpoints (agents' and the widget's), with what the pure
 * rule needs from the database: for a conversation's presence channel, the account that
 * conversation belongs to and the agent's display name (shown to the others as "Alice is typing…").
 * Identity always comes from the server (session or verified visitor token), never from the request.
 */
export async function authorizeSubscription({
  db,
  actor,
  socketId,
  channelName,
  pusher,
}: {
  db: Db;
  actor: RealtimePrincipal;
  socketId: unknown;
  channelName: unknown;
  pusher: Pick<Pusher, "authorizeChannel">;
}): Promise<ChannelAuthorization> {
  const agent = actor && !("kind" in actor) ? actor : null;
  if (typeof channelName === "string" && channelName.startsWith(CONVERSATION_PRESENCE)) {
    const conversationId = channelName.slice(CONVERSATION_PRESENCE.length);
    let conversationAccountId: string | null = null;
    let name: string | null = null;
    if (UUID.test(conversationId) && agent) {
      const [row] = await db.select({ accountId: conversations.accountId }).from(conversations).where(eq(conversations.id, conversationId));
      conversationAccountId = row?.accountId ?? null;
      if (conversationAccountId === agent.accountId) {
        const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, agent.userId));
        name = user?.name ?? null;
      }
    }
    return authorizeChannel({ actor, socketId, channelName, pusher, conversationAccountId, userInfo: { kind: "agent", name: name ?? "An agent" } });
  }
  return authorizeChannel({ actor, socketId, channelName, pusher, userInfo: agent ? { accessLevel: agent.accessLevel } : undefined });
}

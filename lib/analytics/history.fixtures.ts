import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, messages } from "@/db/schema";
import type { Actor } from "@/lib/access/permissions";
import type { Result } from "@/lib/result";
import { assignConversation } from "@/lib/inbox/assign";
import type { Channel } from "@/lib/message-channels/message-channels";
import { completeConversation } from "@/lib/inbox/complete";
import { postBotMessage } from "@/lib/inbox/post-bot-message";
import { receiveInboundMessage } from "@/lib/inbox/receive-inbound-message";
import { reply } from "@/lib/inbox/reply";

/**
 * Builds a conversation history through the inbox's own commands, then stamps the rows each
 * command wrote with the given instant: the commands take their time from the database clock,
 * and the analytics tests need exact, past timestamps.
 */
export function historyOf(db: Db, accountId: string) {
  let serial = 0;

  async function at<T>(iso: string, run: () => Promise<Result<T>>): Promise<T> {
    const [{ last }] = await db
      .select({ last: sql<number>`coalesce(max(${messages.id}), 0)`.mapWith(Number) })
      .from(messages)
      .where(eq(messages.accountId, accountId));
    const result = await run();
    if (!result.ok) throw new Error(`${iso}: ${result.error}`);
    await db
      .update(messages)
      .set({ createdAt: new Date(iso) })
      .where(and(eq(messages.accountId, accountId), gt(messages.id, last)));
    return result.value;
  }

  return {
    at,
    /** The contact identified by `who` writes in on `channel`; returns the conversation id. */
    inbound: (iso: string, who: string, channel: Channel, body = "Hello") =>
      at(iso, () =>
        receiveInboundMessage({
          db,
          input: {
            accountId,
            channel,
            externalId: `analytics-${++serial}`,
            // Messenger visitors have no contact record; the others are matched by their visitor id.
            sender:
              channel === "messenger"
                ? { messenger: { psid: `psid-${who}`, name: who } }
                : {
                    contact:
                      channel === "sms"
                        ? { name: who, phone: `+1555${String(who.length * 1000 + serial).padStart(7, "0")}`, visitorId: `v-${who}` }
                        : { name: who, email: `${who}@example.com`, visitorId: `v-${who}` },
                  },
            body,
          },
        }),
      ).then((r) => r.conversationId),
    reply: (iso: string, actor: Actor, conversationId: string, channel: Channel, body = "On it") =>
      at(iso, () => reply({ db, actor, input: { conversationId, channel, body } })),
    bot: (iso: string, conversationId: string, channel: Channel) =>
      at(iso, () => postBotMessage({ db, input: { accountId, conversationId, channel, body: "Automated answer" } })),
    assign: (iso: string, actor: Actor, conversationId: string, assignee: Actor | null) =>
      at(iso, () => assignConversation({ db, actor, input: { conversationId, assigneeId: assignee?.userId ?? null } })),
    complete: (iso: string, actor: Actor, conversationId: string) =>
      at(iso, () => completeConversation({ db, actor, input: { conversationId } })),
    setTimeZone: (timeZone: string) => db.update(accounts).set({ timeZone }).where(eq(accounts.id, accountId)),
  };
}

import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { filesToSend } from "@/lib/attachments/files-to-send";
import { conversations, messengerPages } from "@/db/schema";
import { PermanentDeliveryError } from "@/lib/delivery/delivery-failure";
import { canReplyOnMessenger } from "@/lib/message-channels/messenger-reply-window";
import type { OutboundMessage, SentOutbound } from "../delivery/outbound-message";
import { sendMessengerMessage } from "./send-messenger-message";

/** A page message to the conversation's Messenger visitor, from the account's (first) Facebook page. */
export async function sendMessengerReply({
  db,
  message,
  psid,
  idempotencyKey,
}: {
  db: Db;
  message: OutboundMessage;
  psid: string | null;
  idempotencyKey: string;
}): Promise<SentOutbound> {
  if (!psid) throw new PermanentDeliveryError("The conversation has no Messenger visitor.");
  // Checked again at sending time: a job that waited (retries, a stopped runner) may be past the window.
  const window = await messengerWindowOf(db, message);
  if (!window.ok) throw new PermanentDeliveryError(window.reason);
  const [page] = await db
    .select()
    .from(messengerPages)
    .where(eq(messengerPages.accountId, message.accountId))
    .orderBy(asc(messengerPages.createdAt))
    .limit(1);
  if (!page) throw new PermanentDeliveryError("The account has no Messenger page.");
  const sent = await sendMessengerMessage({
    db,
    idempotencyKey,
    send: {
      accountId: message.accountId,
      pageId: page.pageId,
      pageAccessToken: page.pageAccessToken,
      psid,
      text: message.body,
      files: (await filesToSend({ db, message })).map(({ row, bytes }) => ({ fileName: row.fileName, contentType: row.contentType, bytes })),
    },
  });
  return { providerMessageId: sent.externalId, from: page.pageId, to: psid };
}

async function messengerWindowOf(db: Db, message: OutboundMessage) {
  const [conversation] = await db
    .select({ lastInboundChannel: conversations.lastInboundChannel, lastInboundAt: conversations.lastInboundAt })
    .from(conversations)
    .where(and(eq(conversations.id, message.conversationId), eq(conversations.accountId, message.accountId)));
  return canReplyOnMessenger({ lastInboundAt: conversation?.lastInboundChannel === "messenger" ? conversation.lastInboundAt : null });
}

import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { filesToSend } from "@/lib/attachments/files-to-send";
import { messengerPages } from "@/db/schema";
import type { OutboundMessage, SentOutbound } from "../delivery/outbound-message";
import { sendMessengerMessage } from "./send-messenger-message";

/** A page message to the conversation's Messenger visitor, from the account's (first) Facebook page. */
export async function sendMessengerReply({ db, message, psid }: { db: Db; message: OutboundMessage; psid: string | null }): Promise<SentOutbound> {
  if (!psid) throw new Error("The conversation has no Messenger visitor.");
  const [page] = await db
    .select()
    .from(messengerPages)
    .where(eq(messengerPages.accountId, message.accountId))
    .orderBy(asc(messengerPages.createdAt))
    .limit(1);
  if (!page) throw new Error("The account has no Messenger page.");
  const sent = await sendMessengerMessage({
    db,
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

import type { Db } from "@/db/database";
import type { contacts } from "@/db/schema";
import { filesToSend } from "@/lib/attachments/files-to-send";
import { sendMail } from "@/lib/mail/send-mail";
import type { OutboundMessage, SentOutbound } from "../delivery/outbound-message";
import { trailingChat } from "./chat-transcript";
import { composeReplyEmail } from "./compose-reply-email";
import { emailSenderOf } from "./email-channel-settings";
import { emailThreadBefore } from "./email-threading";
import { transcriptBefore } from "./transcript-before";

/** An agent's or bot's email to the contact: threaded under the conversation's earlier mail, with the chat it follows (SPEC §7). */
export async function sendEmailReply({
  db,
  message,
  accountName,
  contact,
}: {
  db: Db;
  message: OutboundMessage;
  accountName: string;
  contact: typeof contacts.$inferSelect | undefined;
}): Promise<SentOutbound> {
  if (!contact?.email) throw new Error("The contact has no email address.");
  const thread = await emailThreadBefore(db, message);
  const mail = composeReplyEmail({
    accountId: message.accountId,
    accountName,
    conversationId: message.conversationId,
    to: { address: contact.email, name: contact.name },
    body: message.body,
    threadSubject: thread.subject,
    threadMessageIds: thread.messageIds,
    transcript: trailingChat(await transcriptBefore(db, message)),
    attachments: (await filesToSend({ db, message })).map(({ row, bytes }) => ({ filename: row.fileName, contentType: row.contentType, content: bytes })),
    sender: await emailSenderOf({ db, accountId: message.accountId }),
  });
  await sendMail({ db, mail });
  return { providerMessageId: mail.messageId, from: mail.from ?? null, to: contact.email };
}

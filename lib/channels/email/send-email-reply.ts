import type { Db } from "@/db/database";
import type { contacts } from "@/db/schema";
import { filesToSend } from "@/lib/attachments/files-to-send";
import { sendMail } from "@/lib/mail/send-mail";
import type { OutboundMessage, SentOutbound } from "../delivery/outbound-message";
import { trailingChat } from "./chat-transcript";
import { PermanentDeliveryError } from "@/lib/delivery/delivery-failure";
import { composeReplyEmail, messageIdFor } from "./compose-reply-email";
import { emailSenderOf } from "./email-channel-settings";
import { emailThreadBefore } from "./email-threading";
import { transcriptBefore } from "./transcript-before";

/** An agent's or bot's email to the contact: threaded under the conversation's earlier mail, with the chat it follows (SPEC §7). */
export async function sendEmailReply({
  db,
  message,
  accountName,
  contact,
  idempotencyKey,
}: {
  db: Db;
  message: OutboundMessage;
  accountName: string;
  contact: typeof contacts.$inferSelect | undefined;
  /** Becomes the Message-ID (and the local mailbox row's id): a retry re-sends the same mail, which receivers deduplicate. */
  idempotencyKey: string;
}): Promise<SentOutbound> {
  if (!contact?.email) throw new PermanentDeliveryError("The contact has no email address.");
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
    messageId: messageIdFor(idempotencyKey),
    attachments: (await filesToSend({ db, message })).map(({ row, bytes }) => ({ filename: row.fileName, contentType: row.contentType, content: bytes })),
    sender: await emailSenderOf({ db, accountId: message.accountId }),
  });
  await sendMail({ db, mail, id: idempotencyKey });
  return { providerMessageId: mail.messageId, from: mail.from ?? null, to: contact.email };
}

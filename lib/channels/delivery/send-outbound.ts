import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, contacts, conversations } from "@/db/schema";
import { sendEmailReply } from "../email/send-email-reply";
import { sendMessengerReply } from "../messenger/send-messenger-reply";
import { sendSmsReply } from "../sms/send-sms-reply";
import { PermanentDeliveryError } from "@/lib/delivery/delivery-failure";
import type { OutboundMessage, SendContext, SentOutbound } from "./outbound-message";

/** Hands the message to its channel's sender, with the conversation's contact (or Messenger visitor) as recipient. */
export async function sendOutbound(db: Db, message: OutboundMessage, { smsFrom, idempotencyKey }: SendContext): Promise<SentOutbound> {
  const [conversation] = await db
    .select({
      id: conversations.id,
      contactId: conversations.contactId,
      messengerPsid: conversations.messengerPsid,
      accountName: accounts.name,
    })
    .from(conversations)
    .innerJoin(accounts, eq(accounts.id, conversations.accountId))
    .where(and(eq(conversations.id, message.conversationId), eq(conversations.accountId, message.accountId)));
  if (!conversation) throw new PermanentDeliveryError("The conversation is gone.");
  const [contact] = conversation.contactId
    ? await db.select().from(contacts).where(and(eq(contacts.id, conversation.contactId), eq(contacts.accountId, message.accountId)))
    : [];

  switch (message.channel) {
    case "chat":
      return { providerMessageId: null, from: null, to: contact?.visitorId ?? null };
    // The agent may have picked another of the contact's addresses (message.toAddress, checked by the reply).
    case "email":
      return sendEmailReply({
        db,
        message,
        accountName: conversation.accountName,
        contact: contact && message.toAddress ? { ...contact, email: message.toAddress } : contact,
        idempotencyKey,
      });
    case "sms":
      return sendSmsReply({ db, message, phone: message.toAddress ?? contact?.phone ?? null, smsFrom, idempotencyKey });
    case "messenger":
      return sendMessengerReply({ db, message, psid: conversation.messengerPsid, idempotencyKey });
    default:
      throw new PermanentDeliveryError("Unknown channel.");
  }
}

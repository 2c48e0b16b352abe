import type { Db } from "@/db/database";
import { attachmentsOfMessages } from "@/lib/attachments/message-attachments";
import { channelAttachmentRefusal } from "@/lib/attachments/channel-attachment-rules";
import { providerFileUrl } from "@/lib/attachments/provider-file-url";
import { listSmsNumbers } from "@/lib/message-channels/sms-numbers";
import type { OutboundMessage, SentOutbound } from "../delivery/outbound-message";
import { PermanentDeliveryError } from "@/lib/delivery/delivery-failure";
import { sendSms } from "./send-sms";

/** A text to the contact, from the number the agent picked among the account's numbers, else the first one (SPEC §7). */
export async function sendSmsReply({
  db,
  message,
  phone,
  smsFrom,
  idempotencyKey,
}: {
  db: Db;
  message: OutboundMessage;
  phone: string | null;
  smsFrom: string | null;
  idempotencyKey: string;
}): Promise<SentOutbound> {
  if (!phone) throw new PermanentDeliveryError("The contact has no phone number.");
  const numbers = await listSmsNumbers({ db, accountId: message.accountId });
  const from = smsFrom ? numbers.find((n) => n.number === smsFrom)?.number : numbers[0]?.number;
  if (!from) throw new PermanentDeliveryError(smsFrom ? "That number is not one of the account's SMS numbers." : "The account has no SMS number.");
  const files = (await attachmentsOfMessages({ db, accountId: message.accountId, messageIds: [message.id] })).get(message.id) ?? [];
  // The reply was refused for these already; a message written another way is checked here too.
  const refusal = channelAttachmentRefusal("sms", files);
  if (refusal) throw new PermanentDeliveryError(refusal);
  const media = files.map((f) => ({ fileName: f.fileName, contentType: f.contentType, url: providerFileUrl(f.id) }));
  const sent = await sendSms({ db, sms: { accountId: message.accountId, from, to: phone, body: message.body, media }, idempotencyKey });
  return { providerMessageId: sent.externalId, from, to: phone };
}

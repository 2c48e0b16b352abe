import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { contacts } from "@/db/schema";
import { canReplyOnMessenger } from "@/lib/message-channels/messenger-reply-window";
import { availableChannels, type Channel } from "@/lib/message-channels/message-channels";
import { accountHasSmsNumber } from "@/lib/message-channels/sms-numbers";
import type { ConversationRecord } from "./conversation-lock";

/** Why a reply cannot go through `channel` now, or null when it can. */
export async function channelRefusal({
  tx,
  conversation,
  channel,
  now = new Date(),
}: {
  tx: Db;
  conversation: ConversationRecord;
  channel: Channel;
  now?: Date;
}): Promise<string | null> {
  const [contact] = conversation.contactId
    ? await tx
        .select({ email: contacts.email, phone: contacts.phone, visitorId: contacts.visitorId })
        .from(contacts)
        .where(eq(contacts.id, conversation.contactId))
    : [];
  const available = availableChannels({
    used: conversation.channels,
    contact: contact ?? null,
    messengerPsid: conversation.messengerPsid,
    accountHasSmsNumber: await accountHasSmsNumber({ db: tx, accountId: conversation.accountId }),
  });
  if (!available.includes(channel)) {
    return channel === "email"
      ? "Email is not available: this contact has no email address."
      : channel === "sms" && contact?.phone
        ? "SMS is not available: add a sending number in Settings → Channels first."
        : `This conversation cannot use ${channel === "chat" ? "Web Chat" : channel === "sms" ? "SMS" : "Messenger"}.`;
  }
  if (channel === "messenger") {
    const lastInboundAt = conversation.lastInboundChannel === "messenger" ? conversation.lastInboundAt : null;
    const window = canReplyOnMessenger({ lastInboundAt, now });
    if (!window.ok) return window.reason;
  }
  return null;
}

import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { contacts } from "@/db/schema";
import { availableChannels, type Channel } from "./channels";
import type { ConversationRecord } from "./conversation-lock";

/** Messenger lets a page answer only within 24 hours of the visitor's last message (SPEC §7). */
export const MESSENGER_REPLY_WINDOW_MS = 24 * 3600 * 1000;

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
  const available = availableChannels({ used: conversation.channels, contact: contact ?? null, messengerPsid: conversation.messengerPsid });
  if (!available.includes(channel)) {
    return channel === "email"
      ? "Email is not available: this contact has no email address."
      : `This conversation cannot use ${channel === "chat" ? "Web Chat" : channel === "sms" ? "SMS" : "Messenger"}.`;
  }
  if (channel === "messenger") {
    const last = conversation.lastInboundChannel === "messenger" ? conversation.lastInboundAt : null;
    if (!last || now.getTime() - last.getTime() > MESSENGER_REPLY_WINDOW_MS) {
      return "Messenger allows replies only within 24 hours of the visitor's last message.";
    }
  }
  return null;
}

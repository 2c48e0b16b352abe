import type { Db } from "@/db/database";
import { canReplyOnMessenger } from "@/lib/message-channels/messenger-reply-window";
import { listSmsNumbers } from "@/lib/message-channels/sms-numbers";
import { availableChannels, defaultChannel, type Channel, type ChannelReach } from "@/lib/message-channels/message-channels";

/** What the composer offers for one conversation (SPEC §4, §7). */
export type ComposerOptions = {
  availableChannels: Channel[];
  defaultChannel: Channel | null;
  /** The account's sending numbers, for the composer's SMS picker. */
  smsNumbers: string[];
  /** Why Messenger cannot be used now (24-hour window), or null. */
  messengerRefusal: string | null;
};

export async function composerOptions({
  db,
  accountId,
  conversation,
  contact,
}: {
  db: Db;
  accountId: string;
  conversation: {
    channels: Channel[];
    messengerPsid: string | null;
    visitorOnline: boolean;
    lastInboundChannel: Channel | null;
    lastInboundAt: Date | null;
  };
  contact: ChannelReach["contact"];
}): Promise<ComposerOptions> {
  const c = conversation;
  const numbers = await listSmsNumbers({ db, accountId });
  const available = availableChannels({ used: c.channels, contact, messengerPsid: c.messengerPsid, accountHasSmsNumber: numbers.length > 0 });
  const messengerWindow = available.includes("messenger")
    ? canReplyOnMessenger({ lastInboundAt: c.lastInboundChannel === "messenger" ? c.lastInboundAt : null })
    : null;
  return {
    availableChannels: available,
    defaultChannel: defaultChannel(available, { visitorOnline: c.visitorOnline, lastInboundChannel: c.lastInboundChannel }),
    smsNumbers: numbers.map((n) => n.number),
    messengerRefusal: messengerWindow && !messengerWindow.ok ? messengerWindow.reason : null,
  };
}

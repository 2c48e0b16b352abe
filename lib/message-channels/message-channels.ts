/**
 * Channel names and the composer's channel rules (SPEC §4). Pure: used by lib commands and
 * by client components alike.
 */
export const channels = ["chat", "email", "messenger", "sms"] as const;
export type Channel = (typeof channels)[number];

/** The label each message carries in the thread. */
export const messageChannelLabel: Record<Channel, string> = {
  chat: "Chat",
  email: "Email",
  messenger: "Messenger",
  sms: "SMS",
};

/** The composer's channel dropdown labels. */
export const composerChannelLabel: Record<Channel, string> = {
  chat: "Web Chat",
  email: "Email",
  messenger: "Messenger",
  sms: "SMS",
};

export type ChannelReach = {
  /** Channels the conversation has used so far. */
  used: readonly Channel[];
  contact: { email: string | null; phone: string | null; visitorId: string | null } | null;
  messengerPsid: string | null;
  /** SMS goes out from one of the account's numbers: without one, SMS is not offered. */
  accountHasSmsNumber: boolean;
};

/** The channels a reply can go through: Email only when the contact has an address. */
export function availableChannels(reach: ChannelReach): Channel[] {
  const available: Channel[] = [];
  if (reach.contact?.visitorId || reach.used.includes("chat")) available.push("chat");
  if (reach.contact?.email) available.push("email");
  if (reach.messengerPsid) available.push("messenger");
  if (reach.contact?.phone && reach.accountHasSmsNumber) available.push("sms");
  return available;
}

/** Web Chat while the visitor is online, Email when offline with a known address, else the last inbound channel. */
export function defaultChannel(
  available: readonly Channel[],
  state: { visitorOnline: boolean; lastInboundChannel: Channel | null },
): Channel | null {
  if (state.visitorOnline && available.includes("chat")) return "chat";
  if (available.includes("email")) return "email";
  if (state.lastInboundChannel && available.includes(state.lastInboundChannel)) return state.lastInboundChannel;
  return available[0] ?? null;
}

export const PREVIEW_LENGTH = 140;

export function previewOf(body: string) {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

/** Pusher's channel name rules: at most 164 characters of [A-Za-z0-9_\-=@,.;]. */
export const MAX_CHANNEL_NAME_LENGTH = 164;
const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]+$/;

export function isValidChannelName(name: unknown): name is string {
  return typeof name === "string" && name.length <= MAX_CHANNEL_NAME_LENGTH && CHANNEL_NAME.test(name);
}

export type ChannelKind = "public" | "private" | "presence" | "encrypted";

export function channelKind(name: string): ChannelKind {
  if (name.startsWith("private-encrypted-")) return "encrypted";
  if (name.startsWith("private-")) return "private";
  if (name.startsWith("presence-")) return "presence";
  return "public";
}

export const isPresenceChannel = (name: string) => channelKind(name) === "presence";

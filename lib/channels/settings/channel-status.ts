import { and, eq, max, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { messages } from "@/db/schema";

type MessageChannel = "chat" | "email" | "messenger" | "sms";

/** When each channel last brought a customer's message into the account's inbox. */
export async function lastInboundByChannel({ db, accountId }: { db: Db; accountId: string }): Promise<Partial<Record<MessageChannel, Date>>> {
  const rows = await db
    .select({ channel: messages.channel, at: max(messages.createdAt) })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), eq(messages.direction, "in"), eq(messages.kind, "message"), sql`${messages.channel} IS NOT NULL`))
    .groupBy(messages.channel);
  const result: Partial<Record<MessageChannel, Date>> = {};
  for (const row of rows) if (row.channel && row.at) result[row.channel] = new Date(row.at);
  return result;
}

/** "just now", "3 min ago", "2 h ago", "4 days ago". */
export function timeAgo(at: Date, now = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (seconds < 60) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/**
 * The status line of a channel card: not set up, set up but quiet, or when its last message came.
 * `ready` = the channel can receive (an address, a number, a page, a key; web chat switched on).
 */
export function channelStatus({ ready, lastInbound, idle = "Connected", now = new Date() }: { ready: boolean; lastInbound?: Date; idle?: string; now?: Date }) {
  if (!ready) return { connected: false, text: "Not set up" };
  if (lastInbound) return { connected: true, text: `Connected · last message received ${timeAgo(lastInbound, now)}` };
  return { connected: true, text: idle };
}

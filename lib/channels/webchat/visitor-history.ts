import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { messages, webchatVisitorReads } from "@/db/schema";
import { attachmentsOfMessages, visitorAttachmentView, type MessageAttachment } from "@/lib/attachments/message-attachments";
import type { Visitor } from "./visitor-session";

export type WidgetMessage = {
  id: number;
  from: "visitor" | "team";
  author: string;
  body: string;
  createdAt: string;
  unread: boolean;
  bot: boolean;
  /** With short-lived signed links: the widget reloads the history for fresh ones. */
  attachments: MessageAttachment[];
};

/**
 * What the widget shows: what was said in the chat itself — the visitor's chat messages and the
 * team's chat replies — never email, SMS or Messenger messages of the same conversation (whoever
 * holds the widget's token is not proven to own the contact's address or phone), never status
 * messages; team messages after the visitor last looked are unread.
 */
export async function visitorHistory({ db, visitor }: { db: Db; visitor: Visitor }): Promise<{ conversationId: string | null; messages: WidgetMessage[]; unread: number }> {
  if (!visitor.conversationId) return { conversationId: null, messages: [], unread: 0 };
  const [read] = await db.select().from(webchatVisitorReads).where(eq(webchatVisitorReads.conversationId, visitor.conversationId));
  const lastSeen = read?.lastSeenMessageId ?? 0;
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      senderKind: messages.senderKind,
      body: messages.body,
      createdAt: messages.createdAt,
      agentName: sql<string | null>`(SELECT name FROM users WHERE users.id = ${messages.senderUserId})`,
    })
    .from(messages)
    .where(and(eq(messages.conversationId, visitor.conversationId), eq(messages.accountId, visitor.accountId), eq(messages.kind, "message"), isNotNull(messages.direction), eq(messages.channel, "chat")))
    .orderBy(asc(messages.id))
    .limit(500);
  const files = await attachmentsOfMessages({ db, accountId: visitor.accountId, messageIds: rows.map((r) => r.id) });
  const now = new Date();
  const list: WidgetMessage[] = rows.map((r) => ({
    id: r.id,
    from: r.direction === "in" ? "visitor" : "team",
    author: r.direction === "in" ? "You" : r.senderKind === "bot" ? "Bot" : (r.agentName?.split(" ")[0] ?? "Team"),
    body: r.body,
    createdAt: r.createdAt.toISOString(),
    unread: r.direction === "out" && r.id > lastSeen,
    bot: r.senderKind === "bot",
    attachments: (files.get(r.id) ?? []).map((f) => visitorAttachmentView(f, now)),
  }));
  return { conversationId: visitor.conversationId, messages: list, unread: list.filter((m) => m.unread).length };
}

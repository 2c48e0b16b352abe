import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { messages, users } from "@/db/schema";
import type { OutboundMessage } from "../delivery/outbound-message";
import type { TranscriptEntry } from "./chat-transcript";

/** The thread before this message, as the contact reads it (status messages included only to end chat runs correctly; private notes never). */
export async function transcriptBefore(db: Db, message: OutboundMessage): Promise<TranscriptEntry[]> {
  const rows = await db
    .select({
      kind: messages.kind,
      channel: messages.channel,
      direction: messages.direction,
      senderKind: messages.senderKind,
      agentName: users.name,
      body: messages.body,
      createdAt: messages.createdAt,
      fileNames: sql<string | null>`(SELECT string_agg(a.file_name, ', ' ORDER BY a.created_at) FROM attachments a WHERE a.message_id = ${messages.id})`,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(and(eq(messages.conversationId, message.conversationId), eq(messages.accountId, message.accountId), ne(messages.kind, "note"), sql`${messages.id} < ${message.id}`))
    .orderBy(asc(messages.id));
  return rows.map((r) => ({
    kind: r.kind,
    channel: r.channel,
    author: r.direction === "in" ? "You" : r.senderKind === "bot" ? "Bot" : (r.agentName ?? "Agent"),
    // A file sent in the chat is named in the transcript (the email does not carry it again).
    body: r.fileNames ? `${r.body}${r.body ? " " : ""}[Attachments: ${r.fileNames}]` : r.body,
    createdAt: r.createdAt,
  }));
}

import { z } from "zod";
import type { Db } from "@/db/database";
import { fail } from "@/lib/result";
import type { StoredFile } from "@/lib/attachments/stored-file";
import { receiveInboundMessage } from "@/lib/inbox/receive-inbound-message";
import { markVisitorSeen } from "./mark-visitor-seen";
import type { Visitor } from "./visitor-session";

export const visitorMessageInput = z.object({
  body: z.string().trim().min(1, "Write a message first.").max(5000, "The message is too long (5 000 characters at most)."),
  /** The widget's id for this send: a retried request stores one message. */
  clientMessageId: z.string().uuid("clientMessageId must be a UUID."),
  name: z.string().trim().max(100).optional(),
});

export async function sendVisitorMessage({ db, visitor, input }: { db: Db; visitor: Visitor; input: unknown }) {
  const parsed = visitorMessageInput.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0].message);
  return receiveVisitorChat({ db, visitor, clientMessageId: parsed.data.clientMessageId, name: parsed.data.name, body: parsed.data.body });
}

/**
 * A visitor's chat message (text or files) into the inbox, seen by the visitor who wrote it. The
 * widget's id for the send keys it, so a retried request stores one message.
 */
export async function receiveVisitorChat({
  db,
  visitor,
  clientMessageId,
  name,
  body,
  attachments = [],
}: {
  db: Db;
  visitor: Visitor;
  clientMessageId: string;
  name?: string;
  body: string;
  attachments?: StoredFile[];
}) {
  const result = await receiveInboundMessage({
    db,
    input: {
      accountId: visitor.accountId,
      channel: "chat",
      externalId: `${visitor.visitorId}:${clientMessageId}`,
      // A recognizable default name, so agents can tell visitors apart before they give one.
      sender: { contact: { visitorId: visitor.visitorId, name: name || `Visitor ${visitor.visitorId.slice(2, 6)}` } },
      body,
      attachments,
    },
  });
  if (result.ok) await markVisitorSeen({ db, accountId: visitor.accountId, conversationId: result.value.conversationId, messageId: result.value.messageId });
  return result;
}

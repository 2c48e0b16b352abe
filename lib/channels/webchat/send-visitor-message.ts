import { z } from "zod";
import type { Db } from "@/db/database";
import { fail } from "@/lib/result";
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
  const result = await receiveInboundMessage({
    db,
    input: {
      accountId: visitor.accountId,
      channel: "chat",
      externalId: `${visitor.visitorId}:${parsed.data.clientMessageId}`,
      sender: visitorSender(visitor, parsed.data.name),
      body: parsed.data.body,
    },
  });
  if (result.ok) await markVisitorSeen({ db, accountId: visitor.accountId, conversationId: result.value.conversationId, messageId: result.value.messageId });
  return result;
}

/** The visitor as a message's sender, with a recognizable default name so agents can tell visitors apart before they give one. */
export const visitorSender = (visitor: Visitor, name?: string) => ({
  contact: { visitorId: visitor.visitorId, name: name || `Visitor ${visitor.visitorId.slice(2, 6)}` },
});

import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { conversations, emailInboxes, inboundDetails } from "@/db/schema";
import { storeInboundFiles, withFileNotes } from "@/lib/attachments/store-inbound-files";
import { receiveInboundMessage, type InboundResult } from "@/lib/inbox/receive-inbound-message";
import { conversationOfEmailReferences } from "./email-threading";
import { parseInboundEmail, InboundEmailError } from "./parse-inbound-email";
import { conversationIdFromReplyAddress } from "./reply-address";

export type InboundEmailOutcome =
  | { ok: true; value: InboundResult }
  | { ok: false; status: 400 | 404 | 413 | 422; error: string };

/**
 * Raw MIME from the mail provider → the inbox (SPEC §7). The account is the one owning a
 * recipient: a signed reply address names its conversation (and so its account) directly;
 * otherwise an address in `email_inboxes`. Threading: the reply address, else In-Reply-To /
 * References against the conversation's Message-IDs, else the sender's latest conversation.
 * An unknown sender gets a new contact (receiveInboundMessage creates it by email).
 */
export async function receiveInboundEmail({ db, raw }: { db: Db; raw: Buffer | string }): Promise<InboundEmailOutcome> {
  let mail;
  try {
    mail = await parseInboundEmail(raw);
  } catch (error) {
    if (error instanceof InboundEmailError) return { ok: false, status: error.status, error: error.message };
    throw error;
  }

  let accountId: string | null = null;
  let conversationId: string | null = null;
  for (const address of mail.recipients) {
    const id = conversationIdFromReplyAddress(address);
    if (!id) continue;
    const [row] = await db.select({ accountId: conversations.accountId }).from(conversations).where(eq(conversations.id, id));
    if (row) {
      accountId = row.accountId;
      conversationId = id;
      break;
    }
  }
  if (!accountId) {
    for (const address of mail.recipients) {
      const [row] = await db.select({ accountId: emailInboxes.accountId }).from(emailInboxes).where(eq(emailInboxes.address, address));
      if (row) {
        accountId = row.accountId;
        break;
      }
    }
  }
  if (!accountId) return { ok: false, status: 404, error: "No inbox receives mail for these recipients." };
  conversationId ??= await conversationOfEmailReferences({
    db,
    accountId,
    references: [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references],
  });

  // Mail without a Message-ID still gets a stable id, so a provider's retry stays one message.
  const externalId = mail.messageId ?? `sha256:${createHash("sha256").update(raw).digest("hex")}`;
  // Stored before the message (content-addressed, so a retried delivery rewrites the same objects).
  const files = await storeInboundFiles({ accountId, files: mail.attachments });
  const input = {
    accountId,
    channel: "email" as const,
    externalId,
    sender: { contact: { email: mail.from.address, name: mail.from.name || undefined } },
    body: withFileNotes(mail.text, files.notes),
    attachments: files.stored,
  };
  let result = await receiveInboundMessage({ db, input: conversationId ? { ...input, conversationId } : input });
  // The thread belongs to someone else (a forwarded reply): file it under the sender instead.
  if (!result.ok && conversationId) result = await receiveInboundMessage({ db, input });
  if (!result.ok) return { ok: false, status: 422, error: result.error };
  await db
    .insert(inboundDetails)
    .values({ messageId: result.value.messageId, accountId, fromAddress: mail.from.address, toAddress: mail.recipients[0] ?? null, subject: mail.subject || null })
    .onConflictDoNothing();
  return { ok: true, value: result.value };
}

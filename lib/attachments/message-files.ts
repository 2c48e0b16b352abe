import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/database";
import { attachments } from "@/db/schema";
import type { Channel } from "@/lib/message-channels/message-channels";
import { failField, ok, type Result } from "@/lib/result";
import { channelAttachmentRefusal } from "./channel-attachment-rules";
import type { AttachmentRow } from "./message-attachments";
import type { StoredFile } from "./stored-file";

export const UPLOAD_GONE = "An attached file is no longer available; attach it again.";

/**
 * The agent's uploads a reply names, locked until the reply commits: each must be of this
 * account, uploaded by this agent and not yet on a message, and the channel must be able to
 * carry them. Checked before the reply is written, so a refusal leaves nothing behind.
 */
export async function claimUploads({
  tx,
  accountId,
  userId,
  attachmentIds,
  channel,
}: {
  tx: Db;
  accountId: string;
  userId: string;
  attachmentIds: readonly string[];
  channel: Channel;
}): Promise<Result<AttachmentRow[]>> {
  if (attachmentIds.length === 0) return ok([]);
  const rows = await tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.accountId, accountId), inArray(attachments.id, [...attachmentIds])))
    .for("update");
  const claimed: AttachmentRow[] = [];
  for (const id of attachmentIds) {
    const row = rows.find((r) => r.id === id);
    // Another agent's upload is as unknown as a missing one.
    if (!row || row.uploadedById !== userId) return failField("attachmentIds", UPLOAD_GONE);
    if (row.messageId !== null) return failField("attachmentIds", `“${row.fileName}” is already on a sent message; attach it again to send it twice.`);
    claimed.push(row);
  }
  const refusal = channelAttachmentRefusal(channel, claimed);
  return refusal ? failField("attachmentIds", refusal) : ok(claimed);
}

/** Puts claimed uploads on the reply that sends them. */
export async function attachUploads({
  tx,
  accountId,
  attachmentIds,
  conversationId,
  messageId,
}: {
  tx: Db;
  accountId: string;
  attachmentIds: readonly string[];
  conversationId: string;
  messageId: number;
}): Promise<void> {
  if (attachmentIds.length === 0) return;
  await tx
    .update(attachments)
    .set({ conversationId, messageId, position: sql`array_position(${sql.param([...attachmentIds])}::uuid[], ${attachments.id})` })
    .where(and(eq(attachments.accountId, accountId), inArray(attachments.id, [...attachmentIds]), isNull(attachments.messageId)));
}

/** Files that came in with a customer's message, written with it. */
export async function insertInboundFiles({
  tx,
  accountId,
  conversationId,
  messageId,
  files,
}: {
  tx: Db;
  accountId: string;
  conversationId: string;
  messageId: number;
  files: readonly StoredFile[];
}): Promise<void> {
  if (files.length === 0) return;
  await tx.insert(attachments).values(
    files.map((f, position) => ({
      accountId,
      position,
      conversationId,
      messageId,
      fileName: f.fileName,
      contentType: f.contentType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      storageKey: f.storageKey,
      thumbnailKey: f.thumbnailKey,
      width: f.width,
      height: f.height,
      contentId: f.contentId ?? null,
      inline: f.inline ?? false,
    })),
  );
}

import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/database";
import { attachments } from "@/db/schema";
import { isInlineImage } from "./download-presentation";
import { signedFilePath, VISITOR_LINK_SECONDS } from "./signed-file-url";

export type AttachmentRow = typeof attachments.$inferSelect;

/** An attachment as a thread shows it: what it is, and where to open it and its preview. */
export type MessageAttachment = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** A raster image: shown in place, as its thumbnail. */
  isImage: boolean;
  width: number | null;
  height: number | null;
  url: string;
  thumbnailUrl: string | null;
};

/** The attachments of these messages (of one account), by message id, in their order on the message. */
export async function attachmentsOfMessages({ db, accountId, messageIds }: { db: Db; accountId: string; messageIds: number[] }): Promise<Map<number, AttachmentRow[]>> {
  const byMessage = new Map<number, AttachmentRow[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.accountId, accountId), inArray(attachments.messageId, messageIds)))
    .orderBy(asc(attachments.position), asc(attachments.createdAt), asc(attachments.id));
  for (const row of rows) {
    const list = byMessage.get(row.messageId!) ?? [];
    list.push(row);
    byMessage.set(row.messageId!, list);
  }
  return byMessage;
}

function view(row: AttachmentRow, url: string, thumbnailUrl: string | null): MessageAttachment {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    isImage: isInlineImage(row.contentType),
    width: row.width,
    height: row.height,
    url,
    thumbnailUrl,
  };
}

/** For the inbox: links the signed-in agent or viewer opens with their session. */
export function teamAttachmentView(row: AttachmentRow): MessageAttachment {
  return view(row, `/api/files/${row.id}`, row.thumbnailKey ? `/api/files/${row.id}?variant=thumbnail` : null);
}

/** For the web-chat visitor: short-lived signed links (the widget runs on another site, without our session). */
export function visitorAttachmentView(row: AttachmentRow, now = new Date()): MessageAttachment {
  const link = (variant: "original" | "thumbnail") => signedFilePath({ attachmentId: row.id, variant, expiresInSeconds: VISITOR_LINK_SECONDS, now });
  return view(row, link("original"), row.thumbnailKey ? link("thumbnail") : null);
}

/** "Attachment: invoice.pdf", "3 attachments": what a list or a preview says for a message without text (words, not an emoji: not every system has the font). */
export function attachmentSummary(fileNames: readonly string[]): string {
  if (fileNames.length === 0) return "";
  return fileNames.length === 1 ? `Attachment: ${fileNames[0]}` : `${fileNames.length} attachments`;
}

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { attachments } from "@/db/schema";
import { can, type Actor } from "@/lib/access/permissions";
import { verifySignedFile, type FileVariant } from "./signed-file-url";

/** What to send back for an authorized download. */
export type Download = {
  storageKey: string;
  contentType: string;
  fileName: string;
  /** A visitor's signed link: the widget embeds it on the customer's site. */
  crossOrigin: boolean;
  /** How long the browser may keep it. */
  maxAgeSeconds: number;
};

const SESSION_CACHE_SECONDS = 300;

/**
 * Who may open a file (DESIGN "Files"): an agent or viewer of its account — the uploader alone
 * while it is not yet on a message — or anyone holding an unexpired signed link to it (the
 * conversation's web-chat visitor, the SMS provider). Everyone else gets null: the route answers
 * 404, so a file of another account is indistinguishable from none.
 */
export async function findDownload({
  db,
  attachmentId,
  variant,
  actor,
  expires,
  signature,
  now = new Date(),
}: {
  db: Db;
  attachmentId: string;
  variant: FileVariant;
  actor: Actor | null;
  expires: string | null;
  signature: string | null;
  now?: Date;
}): Promise<Download | null> {
  if (!z.string().uuid().safeParse(attachmentId).success) return null;
  let row: typeof attachments.$inferSelect | undefined;
  let crossOrigin = false;
  let maxAgeSeconds = SESSION_CACHE_SECONDS;
  if (signature !== null || expires !== null) {
    const left = verifySignedFile({ attachmentId, variant, expires, signature, now });
    if (left === null) return null;
    [row] = await db.select().from(attachments).where(eq(attachments.id, attachmentId));
    if (!row?.messageId) return null;
    crossOrigin = true;
    maxAgeSeconds = Math.min(left, SESSION_CACHE_SECONDS);
  } else {
    if (!can(actor, "inbox.view")) return null;
    [row] = await db.select().from(attachments).where(and(eq(attachments.id, attachmentId), eq(attachments.accountId, actor.accountId)));
    if (!row || (row.messageId === null && row.uploadedById !== actor.userId)) return null;
  }
  if (variant === "thumbnail") {
    if (!row.thumbnailKey) return null;
    return { storageKey: row.thumbnailKey, contentType: "image/webp", fileName: `${row.fileName.replace(/\.[^.]*$/, "")}.webp`, crossOrigin, maxAgeSeconds };
  }
  return { storageKey: row.storageKey, contentType: row.contentType, fileName: row.fileName, crossOrigin, maxAgeSeconds };
}

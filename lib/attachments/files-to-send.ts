import type { Db } from "@/db/database";
import { fileStorage } from "@/lib/files/active-file-storage";
import type { FileStorage } from "@/lib/files/file-storage";
import { attachmentsOfMessages, type AttachmentRow } from "./message-attachments";

export type FileToSend = { row: AttachmentRow; bytes: Buffer };

/**
 * The files an outbound message carries, with their bytes, for its channel's sender. Read from
 * the message itself, so the sender works the same called after the commit or from a job.
 */
export async function filesToSend({
  db,
  message,
  storage = fileStorage(),
}: {
  db: Db;
  message: { id: number; accountId: string };
  storage?: FileStorage;
}): Promise<FileToSend[]> {
  const rows = (await attachmentsOfMessages({ db, accountId: message.accountId, messageIds: [message.id] })).get(message.id) ?? [];
  const files: FileToSend[] = [];
  for (const row of rows) {
    const bytes = await storage.read(row.storageKey);
    if (!bytes) throw new Error(`The attachment “${row.fileName}” is missing from file storage.`);
    files.push({ row, bytes });
  }
  return files;
}

import { createHash } from "node:crypto";
import { fileStorage } from "@/lib/files/active-file-storage";
import type { FileStorage } from "@/lib/files/file-storage";
import { makeThumbnail } from "@/lib/files/image-thumbnail";
import { sniffContentType } from "@/lib/files/sniff-content-type";
import { accountFileKey, accountThumbnailKey } from "@/lib/files/storage-keys";
import { failField, ok, type Result } from "@/lib/result";
import { attachmentRefusal } from "./attachment-limits";
import { isInlineImage } from "./download-presentation";
import { cleanFileName } from "./file-name";
import type { StoredFile } from "./stored-file";

/**
 * Every file that enters — an agent's upload, a visitor's, an email part, fetched media — comes
 * through here: its type is sniffed from the bytes, the limits refuse it with a message for the
 * sender, an image gets its thumbnail, and the bytes are written to storage under the account.
 */
export async function storeAttachmentFile({
  accountId,
  fileName,
  bytes,
  storage = fileStorage(),
  env = process.env,
}: {
  accountId: string;
  fileName: string | null | undefined;
  bytes: Buffer;
  storage?: FileStorage;
  env?: Record<string, string | undefined>;
}): Promise<Result<StoredFile>> {
  const name = cleanFileName(fileName);
  const contentType = await sniffContentType(bytes);
  const refusal = attachmentRefusal({ fileName: name, contentType, sizeBytes: bytes.length }, env);
  if (refusal) return failField("file", refusal);

  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = accountFileKey(accountId, sha256);
  const image = isInlineImage(contentType) ? await makeThumbnail(bytes) : null;
  await storage.put(storageKey, bytes, { contentType });
  let thumbnailKey: string | null = null;
  if (image) {
    thumbnailKey = accountThumbnailKey(accountId, sha256);
    await storage.put(thumbnailKey, image.thumbnail.bytes, { contentType: "image/webp" });
  }
  return ok({
    fileName: name,
    contentType,
    sizeBytes: bytes.length,
    sha256,
    storageKey,
    thumbnailKey,
    width: image?.width ?? null,
    height: image?.height ?? null,
  });
}

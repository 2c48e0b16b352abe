import { z } from "zod";
import type { Db } from "@/db/database";
import { attachments } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { storeAttachmentFile } from "@/lib/attachments/store-attachment-file";
import { teamAttachmentView, type MessageAttachment } from "@/lib/attachments/message-attachments";
import type { StoredFile } from "@/lib/attachments/stored-file";
import { defineCommand } from "@/lib/command";
import type { FileStorage } from "@/lib/files/file-storage";
import { ok, type Result } from "@/lib/result";
import { actingAgentHeld } from "./acting-agent";
import { inboxWritable } from "./writable-inbox";

export const uploadInput = z.object({ fileName: z.string().max(1000, "The file name is too long.").nullish() });

const recordUpload = defineCommand({
  permission: "inbox.reply",
  input: uploadInput,
  guards: [inboxWritable, actingAgentHeld],
  deps: (given: { stored: StoredFile }) => ({ stored: given.stored }),
  async run({ tx, actor, stored }): Promise<Result<MessageAttachment>> {
    const [row] = await tx
      .insert(attachments)
      .values({ accountId: actor.accountId, uploadedById: actor.userId, ...stored, contentId: null, inline: false })
      .returning();
    return ok(teamAttachmentView(row));
  },
});

/**
 * An agent attaches a file in the composer (SPEC §5: only agents send attachments): the bytes are
 * checked and stored, and the upload waits, unattached and visible to this agent only, until a
 * reply names it by id. Viewers are refused before anything is read.
 */
export async function uploadAttachment({
  db,
  actor,
  input,
  bytes,
  storage,
}: {
  db: Db;
  actor: Actor;
  input: unknown;
  bytes: Buffer;
  storage?: FileStorage;
}) {
  requirePermission(actor, recordUpload.permission);
  const parsed = uploadInput.safeParse(input);
  const stored = await storeAttachmentFile({ accountId: actor.accountId, fileName: parsed.success ? parsed.data.fileName : null, bytes, storage });
  if (!stored.ok) return stored;
  return recordUpload({ db, actor, input, stored: stored.value });
}

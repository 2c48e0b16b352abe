import { z } from "zod";
import type { Db } from "@/db/database";
import { storeAttachmentFile } from "@/lib/attachments/store-attachment-file";
import { fail } from "@/lib/result";
import { receiveVisitorChat } from "./send-visitor-message";
import type { Visitor } from "./visitor-session";

const visitorFileInput = z.object({
  fileName: z.string().max(1000, "The file name is too long."),
  /** The widget's id for this upload: a retried request stores one message. */
  clientMessageId: z.string().uuid("clientMessageId must be a UUID."),
});

/**
 * The visitor sends a file from the widget (button, paste or drop): checked and stored like any
 * upload, it arrives in the inbox as the visitor's chat message carrying it.
 */
export async function sendVisitorFile({ db, visitor, input, bytes }: { db: Db; visitor: Visitor; input: unknown; bytes: Buffer }) {
  const parsed = visitorFileInput.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0].message);
  const stored = await storeAttachmentFile({ accountId: visitor.accountId, fileName: parsed.data.fileName, bytes });
  if (!stored.ok) return stored;
  return receiveVisitorChat({ db, visitor, clientMessageId: parsed.data.clientMessageId, body: "", attachments: [stored.value] });
}

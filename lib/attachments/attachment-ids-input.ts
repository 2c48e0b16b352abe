import { z } from "zod";
import { MAX_ATTACHMENTS_PER_MESSAGE } from "./attachment-limits";

/** The uploads a message names: ids, each once, at most MAX_ATTACHMENTS_PER_MESSAGE. */
export const attachmentIdsInput = z
  .array(z.string().uuid("An attached file is no longer available; attach it again."))
  .max(MAX_ATTACHMENTS_PER_MESSAGE, `Attach at most ${MAX_ATTACHMENTS_PER_MESSAGE} files to one message.`)
  .default([])
  .transform((ids) => [...new Set(ids)]);

import { z } from "zod";

/** A file written to storage and accepted by the limits, ready to become an attachment row. */
export const storedFile = z.object({
  fileName: z.string().min(1).max(200),
  contentType: z.string().min(1).max(200),
  sizeBytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  storageKey: z.string().min(1).max(512),
  thumbnailKey: z.string().min(1).max(512).nullable(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  /** An email's inline image: its Content-ID and that it was shown in the mail's body. */
  contentId: z.string().max(500).nullable().optional(),
  inline: z.boolean().optional(),
});

export type StoredFile = z.output<typeof storedFile>;

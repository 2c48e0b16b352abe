import type { Readable } from "node:stream";

/** How a download should present the file (S3 sets these on a presigned URL's response). */
export type DownloadPresentation = {
  contentType: string;
  /** The whole Content-Disposition header value. */
  contentDisposition: string;
  expiresInSeconds: number;
};

/**
 * Where attachment bytes live (DESIGN "Files"): a local folder by default, any S3-compatible store
 * when S3_BUCKET is set. Keys are the store's own (lib/files/storage-keys.ts); both stores keep an
 * object once written and never delete it.
 */
export interface FileStorage {
  readonly kind: "local" | "s3";
  /** Writes the whole object; writing the same key again replaces it (keys are content-addressed). */
  put(key: string, bytes: Buffer, options: { contentType: string }): Promise<void>;
  /** The whole object, or null when there is none. */
  read(key: string): Promise<Buffer | null>;
  /** The object as a stream with its size, for the app to serve; null when there is none. */
  open(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** A short-lived URL the browser may fetch directly (S3), or null when the app serves the bytes itself. */
  presignedDownloadUrl(key: string, presentation: DownloadPresentation): Promise<string | null>;
}

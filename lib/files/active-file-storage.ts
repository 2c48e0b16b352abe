import type { FileStorage } from "./file-storage";
import { localFileStorage, localFilesDir } from "./local-file-storage";
import { s3FileStorage, s3Settings } from "./s3-file-storage";

let current: { signature: string; storage: FileStorage } | null = null;

/** The store the configuration names (S3 when S3_BUCKET is set, else the local folder), made once per configuration. */
export function fileStorage(env: Record<string, string | undefined> = process.env): FileStorage {
  const s3 = s3Settings(env);
  const signature = s3 ? `s3:${JSON.stringify(s3)}` : `local:${localFilesDir(env)}`;
  if (current?.signature !== signature) current = { signature, storage: s3 ? s3FileStorage(s3) : localFileStorage(localFilesDir(env)) };
  return current.storage;
}

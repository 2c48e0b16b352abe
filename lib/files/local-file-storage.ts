import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FileStorage } from "./file-storage";
import { assertStorageKey } from "./storage-keys";

/** The embedded default: FILES_DIR, else `.data/files` under the working directory. */
export function localFilesDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.FILES_DIR || path.join(process.cwd(), ".data", "files"));
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === "ENOENT";

/**
 * Files in a local folder. A write goes to a temporary name and is renamed into place, so a
 * process killed mid-write never leaves a half-written object under a real key.
 */
export function localFileStorage(root: string): FileStorage {
  const pathOf = (key: string) => path.join(root, ...assertStorageKey(key).split("/"));
  return {
    kind: "local",
    async put(key, bytes) {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID()}.partial`;
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, target);
    },
    async read(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async open(key) {
      const file = pathOf(key);
      try {
        const { size } = await stat(file);
        return { stream: createReadStream(file), size };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async presignedDownloadUrl() {
      return null;
    },
  };
}

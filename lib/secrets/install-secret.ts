import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where generated secrets live: the git-ignored .data folder of this install (SECRETS_DIR to move it). */
export const secretsDir = (env: Record<string, string | undefined> = process.env) => env.SECRETS_DIR || path.join(process.cwd(), ".data");

const cache = new Map<string, string>();

/**
 * A secret of this install: generated on first use (32 random bytes), kept in `<dir>/<name>`
 * with mode 0600 and read back afterwards, so every process of the install (app, realtime
 * server, scripts) shares it and no secret is a constant in the code. Several processes
 * racing on the first use all end up with the one file that won (exclusive create).
 */
export function installSecret(name: string, { dir = secretsDir() }: { dir?: string } = {}): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Bad secret name: ${name}`);
  const file = path.join(dir, name);
  const cached = cache.get(file);
  if (cached) return cached;
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Files from before this rule (or copied in) are tightened to owner-only.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
  let value = readFileSync(file, "utf8").trim();
  // A racing creator may not have written its bytes yet.
  for (let i = 0; !value && i < 50; i++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    value = readFileSync(file, "utf8").trim();
  }
  if (!value) throw new Error(`The secret file ${file} is empty: delete it to generate a new one.`);
  cache.set(file, value);
  return value;
}

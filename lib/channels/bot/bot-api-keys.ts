import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { botApiKeys } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { ok, type Result } from "@/lib/result";

const hashOf = (key: string) => createHash("sha256").update(key).digest("hex");

export const botApiKeyInput = z.object({
  name: z.string().trim().min(1, "Name the key (e.g. the workflow that uses it).").max(100),
});

/** An admin creates a key for automation; the key is returned once and only its hash is kept. */
export const createBotApiKey = defineCommand({
  permission: "channels.manage",
  input: botApiKeyInput,
  transaction: false,
  async run({ tx: db, actor, input: { name } }): Promise<Result<{ id: string; key: string }>> {
    const key = `cbk_${randomBytes(24).toString("base64url")}`;
    const [row] = await db
      .insert(botApiKeys)
      .values({ accountId: actor.accountId, name, keyHash: hashOf(key) })
      .returning({ id: botApiKeys.id });
    return ok({ id: row.id, key });
  },
});

/**
 * The account a presented key belongs to, or null. Looking up by the SHA-256 of a 192-bit
 * random key needs no constant-time compare: the hash leaks nothing useful about the key.
 */
export async function accountOfBotApiKey({ db, key }: { db: Db; key: string }): Promise<string | null> {
  if (!/^cbk_[A-Za-z0-9_-]{32}$/.test(key)) return null;
  const [row] = await db
    .select({ accountId: botApiKeys.accountId })
    .from(botApiKeys)
    .where(and(eq(botApiKeys.keyHash, hashOf(key)), isNull(botApiKeys.revokedAt)));
  return row?.accountId ?? null;
}

import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { botApiKeys } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { recordChannelChange } from "@/lib/channels/settings/channel-audit";
import { defineCommand } from "@/lib/command";
import { channelsChanged } from "@/lib/realtime/events";
import { fail, ok, type Result } from "@/lib/result";

const hashOf = (key: string) => createHash("sha256").update(key).digest("hex");

export const botApiKeyInput = z.object({
  name: z.string().trim().min(1, "Name the key (e.g. the workflow that uses it).").max(100, "Keep the name to 100 characters."),
});

/** An admin creates a key for automation; the key is returned once and only its hash (and last 4 characters) are kept. */
export const createBotApiKey = defineCommand({
  permission: "channels.manage",
  input: botApiKeyInput,
  async run({ tx, actor, input: { name }, emit }): Promise<Result<{ id: string; key: string }>> {
    const key = `cbk_${randomBytes(24).toString("base64url")}`;
    const [row] = await tx
      .insert(botApiKeys)
      .values({ accountId: actor.accountId, name, keyHash: hashOf(key), last4: key.slice(-4) })
      .returning({ id: botApiKeys.id });
    await recordChannelChange(tx, actor, "bot", `Created the bot API key "${name}" (…${key.slice(-4)}).`);
    emit(channelsChanged(actor.accountId, "bot"));
    return ok({ id: row.id, key });
  },
});

export const revokeBotApiKeyInput = z.object({ id: z.string().uuid("Key not found.") });

/** Revoking stops the key at once; what it posted stays in the inbox. */
export const revokeBotApiKey = defineCommand({
  permission: "channels.manage",
  input: revokeBotApiKeyInput,
  async run({ tx, actor, input: { id }, emit }): Promise<Result<{ id: string }>> {
    const [row] = await tx
      .update(botApiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(botApiKeys.id, id), eq(botApiKeys.accountId, actor.accountId), isNull(botApiKeys.revokedAt)))
      .returning({ name: botApiKeys.name, last4: botApiKeys.last4 });
    if (!row) return fail("Key not found (or already revoked).");
    await recordChannelChange(tx, actor, "bot", `Revoked the bot API key "${row.name}" (…${row.last4}).`);
    emit(channelsChanged(actor.accountId, "bot"));
    return ok({ id });
  },
});

/** The account's live keys as the card shows them: name, last 4 characters, created, last used. Never the hash. */
export async function listBotApiKeys({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "channels.manage");
  return db
    .select({ id: botApiKeys.id, name: botApiKeys.name, last4: botApiKeys.last4, createdAt: botApiKeys.createdAt, lastUsedAt: botApiKeys.lastUsedAt })
    .from(botApiKeys)
    .where(and(eq(botApiKeys.accountId, actor.accountId), isNull(botApiKeys.revokedAt)))
    .orderBy(desc(botApiKeys.createdAt));
}

/**
 * The account a presented key belongs to, or null; a match stamps its last use. Looking up by the
 * SHA-256 of a 192-bit random key needs no constant-time compare: the hash leaks nothing useful.
 */
export async function accountOfBotApiKey({ db, key }: { db: Db; key: string }): Promise<string | null> {
  if (!/^cbk_[A-Za-z0-9_-]{32}$/.test(key)) return null;
  const [row] = await db
    .update(botApiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(botApiKeys.keyHash, hashOf(key)), isNull(botApiKeys.revokedAt)))
    .returning({ accountId: botApiKeys.accountId });
  return row?.accountId ?? null;
}

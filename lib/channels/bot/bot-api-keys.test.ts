import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { botApiKeys, channelConfigChanges } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { accountOfBotApiKey, createBotApiKey, listBotApiKeys, revokeBotApiKey } from "./bot-api-keys";

const t = useTestDatabase();

describe("bot API keys", () => {
  it("are shown once, stored hashed with their last 4, and name their account; use stamps last used", async () => {
    const a = await createInboxAccount(t.db);
    const created = await createBotApiKey({ db: t.db, actor: a.viewerAdmin, input: { name: "Order bot" } });
    if (!created.ok) throw new Error(created.error);
    const [row] = await t.db.select().from(botApiKeys);
    expect(row.keyHash).not.toContain(created.value.key);
    expect(JSON.stringify(row)).not.toContain(created.value.key.slice(4, -4));
    expect(row.last4).toBe(created.value.key.slice(-4));
    expect(row.lastUsedAt).toBeNull();
    expect(await accountOfBotApiKey({ db: t.db, key: created.value.key })).toBe(a.accountId);
    const [used] = await listBotApiKeys({ db: t.db, actor: a.owner });
    expect(used).toMatchObject({ name: "Order bot", last4: created.value.key.slice(-4), lastUsedAt: expect.any(Date) });
    expect(Object.keys(used)).not.toContain("keyHash");
    const key = created.value.key;
    const altered = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    expect(await accountOfBotApiKey({ db: t.db, key: altered })).toBeNull();
    expect(await accountOfBotApiKey({ db: t.db, key: "" })).toBeNull();
    const [audit] = await t.db.select().from(channelConfigChanges).where(eq(channelConfigChanges.accountId, a.accountId));
    expect(audit).toMatchObject({ channel: "bot", actorId: a.viewerAdmin.userId });
    expect(audit.summary).not.toContain(key.slice(4, -4));
  });

  it("bad input and other roles change nothing", async () => {
    const a = await createInboxAccount(t.db);
    expect(await createBotApiKey({ db: t.db, actor: a.owner, input: { name: " " } })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(await createBotApiKey({ db: t.db, actor: a.owner, input: { name: "x".repeat(101) } })).toMatchObject({ ok: false });
    for (const actor of [a.alice, a.viewer, a.nobody]) {
      await expect(createBotApiKey({ db: t.db, actor, input: { name: "x" } })).rejects.toThrow(ForbiddenError);
      await expect(listBotApiKeys({ db: t.db, actor })).rejects.toThrow(ForbiddenError);
    }
    expect(await t.db.select().from(botApiKeys)).toHaveLength(0);
  });

  it("revoking stops the key at once; another account's admin cannot revoke it", async () => {
    const a = await createInboxAccount(t.db);
    const b = await createInboxAccount(t.db, "Other Co");
    const created = await createBotApiKey({ db: t.db, actor: a.owner, input: { name: "Zap" } });
    if (!created.ok) throw new Error(created.error);
    expect(await revokeBotApiKey({ db: t.db, actor: b.owner, input: { id: created.value.id } })).toMatchObject({ ok: false });
    await expect(revokeBotApiKey({ db: t.db, actor: a.alice, input: { id: created.value.id } })).rejects.toThrow(ForbiddenError);
    expect(await revokeBotApiKey({ db: t.db, actor: a.owner, input: { id: "nope" } })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await accountOfBotApiKey({ db: t.db, key: created.value.key })).toBe(a.accountId);
    expect(await revokeBotApiKey({ db: t.db, actor: a.owner, input: { id: created.value.id } })).toMatchObject({ ok: true });
    expect(await accountOfBotApiKey({ db: t.db, key: created.value.key })).toBeNull();
    expect(await listBotApiKeys({ db: t.db, actor: a.owner })).toHaveLength(0);
    expect(await revokeBotApiKey({ db: t.db, actor: a.owner, input: { id: created.value.id } })).toMatchObject({ ok: false });
  });
});

import { describe, expect, it } from "vitest";
import { accounts, botApiKeys } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError, type Actor } from "@/lib/access/permissions";
import { accountOfBotApiKey, createBotApiKey } from "./bot-api-keys";

const t = useTestDatabase();

describe("bot API keys", () => {
  it("are shown once, stored hashed, and name their account", async () => {
    const [a] = await t.db.insert(accounts).values({ name: "A" }).returning();
    const admin: Actor = { userId: "00000000-0000-0000-0000-000000000001", accountId: a.id, accessLevel: "viewer", isAdmin: true, isPrimaryAdmin: false };
    const created = await createBotApiKey({ db: t.db, actor: admin, input: { name: "Order bot" } });
    if (!created.ok) throw new Error(created.error);
    const [row] = await t.db.select().from(botApiKeys);
    expect(row.keyHash).not.toContain(created.value.key);
    expect(JSON.stringify(row)).not.toContain(created.value.key.slice(4));
    expect(await accountOfBotApiKey({ db: t.db, key: created.value.key })).toBe(a.id);
    const key = created.value.key;
    const altered = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    expect(await accountOfBotApiKey({ db: t.db, key: altered })).toBeNull();
    expect(await accountOfBotApiKey({ db: t.db, key: "" })).toBeNull();
    expect(await createBotApiKey({ db: t.db, actor: admin, input: { name: " " } })).toMatchObject({ ok: false });
    await expect(createBotApiKey({ db: t.db, actor: { ...admin, isAdmin: false, accessLevel: "agent" }, input: { name: "x" } })).rejects.toThrow(ForbiddenError);
  });
});

import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { conversations, messages, savedResponses } from "@/db/schema";
import { loadActor } from "@/lib/accounts/actor";
import { listConversations } from "@/lib/inbox/queries/list-conversations";
import { seedDemo } from "./demo-account";

const t = useTestDatabase();

describe("demo inbox seed", () => {
  test("seeds ~12 conversations over all four channels, some assigned, one complete, tags and saved responses; re-seeding replaces it", async () => {
    await seedDemo(t.db);
    const { userIds } = await seedDemo(t.db);
    const all = await t.db.select().from(conversations);
    expect(all).toHaveLength(12);
    expect(new Set(all.flatMap((c) => c.channels))).toEqual(new Set(["chat", "email", "messenger", "sms"]));
    expect(all.filter((c) => c.status === "complete").length).toBeGreaterThanOrEqual(1);
    expect(all.filter((c) => c.assigneeId !== null).length).toBeGreaterThanOrEqual(3);
    expect(all.filter((c) => c.assigneeId === null && c.status === "open").length).toBeGreaterThanOrEqual(3);
    expect((await t.db.select().from(messages)).some((m) => m.senderKind === "bot")).toBe(true);
    expect(await t.db.select().from(savedResponses)).toHaveLength(5);
    const alice = (await loadActor({ db: t.db, userId: userIds.get("agent@demo.test")! }))!;
    const tagged = await listConversations({ db: t.db, actor: alice, input: { search: "billing" } });
    expect(tagged.ok && tagged.value.rows.length).toBe(2);
  });
});

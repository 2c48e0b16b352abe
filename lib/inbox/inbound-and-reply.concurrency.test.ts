import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { messages } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { reply } from "./reply";
import { completeConversation } from "./complete";
import { createInboxAccount, inbound } from "./inbox.fixtures";

// Real parallel transactions on PostgreSQL (PGlite runs them one after another; the rules hold either way).
const t = useTestDatabase({ poolSize: 25 });

describe("a customer writes while agents answer the same conversation", () => {
  test("parallel inbound messages, replies and a complete on one conversation all commit: no deadlock", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId, { email: "race@example.com" });
    const agents = [a.alice, a.bob, a.carol, a.owner];
    for (let round = 0; round < 5; round++) {
      const work = [
        ...Array.from({ length: 6 }, (_, i) => inbound(t.db, a.accountId, { email: "race@example.com", body: `customer ${round}.${i}` })),
        ...agents.map((agent, i) => reply({ db: t.db, actor: agent, input: { conversationId, channel: "email", body: `agent ${round}.${i}` } })),
        completeConversation({ db: t.db, actor: a.alice, input: { conversationId } }),
      ];
      const settled = await Promise.allSettled(work);
      const errors = settled.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason?.cause?.message ?? (s as PromiseRejectedResult).reason));
      expect(errors).toEqual([]);
    }
    const stored = await t.db.select({ id: messages.id }).from(messages).where(eq(messages.conversationId, conversationId));
    expect(stored.length).toBeGreaterThanOrEqual(1 + 5 * (6 + agents.length));
  });
});

import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { completeConversation } from "../complete";
import { createInboxAccount, inbound } from "../inbox.fixtures";
import { earlierMessages } from "./earlier-messages";
import { getThread } from "./get-thread";

const t = useTestDatabase();

describe("long threads: Load earlier messages (issue 16)", () => {
  test("keyset pages walk back through the whole thread: no gap, no repeat, oldest first, even as new messages arrive", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId, { body: "m-0" });
    await t.db.execute(sql`
      INSERT INTO messages (account_id, conversation_id, direction, channel, sender_kind, body)
      SELECT ${a.accountId}, ${conversationId}, 'in', 'email', 'contact', 'm-' || g FROM generate_series(1, 449) g`);
    const first = await getThread({ db: t.db, actor: a.alice, conversationId, limit: 200 });
    expect(first?.messages).toHaveLength(200);
    expect(first?.hasEarlier).toBe(true);
    const seen = first!.messages.map((m) => m.body);
    let oldest = first!.messages[0].id;
    let hasEarlier = true;
    let pages = 0;
    while (hasEarlier) {
      // A new message arrives between pages: the walk back is not disturbed.
      await inbound(t.db, a.accountId, { body: `late-${pages}` });
      const page = await earlierMessages({ db: t.db, actor: a.alice, input: { conversationId, beforeId: oldest } });
      expect(page).not.toBeNull();
      seen.unshift(...page!.messages.map((m) => m.body));
      oldest = page!.messages[0].id;
      hasEarlier = page!.hasEarlier;
      pages++;
    }
    expect(pages).toBe(3); // 250 older messages in pages of 100
    expect(seen).toEqual(Array.from({ length: 450 }, (_, i) => `m-${i}`));
  });

  test("same visibility as the thread: a viewer gets no status messages; another account or a bad id gets nothing; No access is refused", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other");
    const { conversationId } = await inbound(t.db, a.accountId, { body: "Help" });
    await completeConversation({ db: t.db, actor: a.alice, input: { conversationId } });
    await inbound(t.db, a.accountId, { body: "Again" });
    const before = Number.MAX_SAFE_INTEGER;
    const agentPage = await earlierMessages({ db: t.db, actor: a.alice, input: { conversationId, beforeId: before } });
    expect(agentPage?.messages.map((m) => m.kind)).toEqual(["message", "status", "message", "status"]);
    const viewerPage = await earlierMessages({ db: t.db, actor: a.viewer, input: { conversationId, beforeId: before } });
    expect(viewerPage?.messages.map((m) => m.body)).toEqual(["Help", "Again"]);
    expect(await earlierMessages({ db: t.db, actor: other.alice, input: { conversationId, beforeId: before } })).toBeNull();
    expect(await earlierMessages({ db: t.db, actor: a.alice, input: { conversationId, beforeId: "x" } })).toBeNull();
    await expect(earlierMessages({ db: t.db, actor: a.nobody, input: { conversationId, beforeId: before } })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

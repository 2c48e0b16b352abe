import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { assignConversation } from "@/lib/inbox/assign";
import { completeConversation } from "@/lib/inbox/complete";
import { createInboxAccount, inbound } from "@/lib/inbox/inbox.fixtures";
import { rolesOverview } from "./roles-overview";

const t = useTestDatabase();

describe("rolesOverview's open conversations", () => {
  test("counts each user's real open assigned conversations, not complete or unassigned ones, nor another account's", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other Co");
    const assign = async (account: typeof a, userId: string, email: string) => {
      const { conversationId } = await inbound(t.db, account.accountId, { email });
      const result = await assignConversation({ db: t.db, actor: account.owner, input: { conversationId, assigneeId: userId } });
      if (!result.ok) throw new Error(result.error);
      return conversationId;
    };
    await assign(a, a.alice.userId, "one@example.com");
    await assign(a, a.alice.userId, "two@example.com");
    const done = await assign(a, a.alice.userId, "three@example.com");
    await completeConversation({ db: t.db, actor: a.owner, input: { conversationId: done } });
    await assign(a, a.bob.userId, "four@example.com");
    await inbound(t.db, a.accountId, { email: "five@example.com" });
    await assign(other, other.alice.userId, "six@example.com");

    const overview = await rolesOverview({ db: t.db, actor: a.owner });
    expect(overview.openConversations).toEqual({ [a.alice.userId]: 2, [a.bob.userId]: 1 });
  });
});

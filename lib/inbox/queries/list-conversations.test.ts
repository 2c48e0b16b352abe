import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { conversations } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { assignConversation } from "../assign";
import { completeConversation } from "../complete";
import { tagConversation } from "../tags";
import { createInboxAccount, inbound } from "../inbox.fixtures";
import { getConversationRow, listConversations } from "./list-conversations";

const t = useTestDatabase();

async function inboxWith(n: number) {
  const a = await createInboxAccount(t.db);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await inbound(t.db, a.accountId, { email: `c${i}@example.com`, body: `question number ${i}` })).conversationId);
  return { a, ids };
}

describe("listConversations", () => {
  test("pages through every open conversation by last activity with a keyset cursor: no gaps, no repeats", async () => {
    const { a, ids } = await inboxWith(7);
    // Equal timestamps on some rows: the id breaks the tie.
    await t.db.execute(sql`UPDATE ${conversations} SET last_message_at = '2026-01-01 10:00:00.123456+00' WHERE number <= 4`);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listConversations({ db: t.db, actor: a.viewer, input: { status: "open", limit: 3, cursor } });
      if (!page.ok) throw new Error(page.error);
      seen.push(...page.value.rows.map((r) => r.id));
      cursor = page.value.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...ids].sort());
    const first = await listConversations({ db: t.db, actor: a.alice, input: { limit: 7 } });
    if (!first.ok) throw new Error(first.error);
    expect(first.value.rows[0]).toMatchObject({ name: "Carla Customer", channels: ["email"], unread: true, status: "open", assigneeId: null, preview: "question number 6" });
  });

  test("filters: status tabs, Unassigned, Mine, specific agents, groups, tag, search by contact, text and tag", async () => {
    const { a, ids } = await inboxWith(6);
    const list = async (input: Parameters<typeof listConversations>[0]["input"], actor = a.alice) => {
      const r = await listConversations({ db: t.db, actor, input });
      if (!r.ok) throw new Error(r.error);
      return r.value.rows.map((row) => ids.indexOf(row.id)).sort();
    };
    await assignConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[0], assigneeId: a.alice.userId } });
    await assignConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[1], assigneeId: a.bob.userId } });
    await assignConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[2], assigneeId: a.carol.userId } });
    await completeConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[5] } });
    await tagConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[3], name: "Billing" } });
    const tag = await tagConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[1], name: "billing" } });
    if (!tag.ok) throw new Error(tag.error);
    await inbound(t.db, a.accountId, { email: "c4@example.com", body: "my parcel never arrived" });

    expect(await list({ status: "open" })).toEqual([0, 1, 2, 3, 4]);
    expect(await list({ status: "complete" })).toEqual([5]);
    expect(await list({ assignment: { unassigned: true } })).toEqual([3, 4]);
    expect(await list({ assignment: { mine: true } })).toEqual([0]);
    expect(await list({ assignment: { mine: true } }, a.bob)).toEqual([1]);
    expect(await list({ assignment: { agentIds: [a.bob.userId, a.carol.userId] } })).toEqual([1, 2]);
    expect(await list({ assignment: { groupIds: [a.supportGroupId] } })).toEqual([0, 1]);
    expect(await list({ assignment: { unassigned: true, mine: true } })).toEqual([0, 3, 4]);
    expect(await list({ tagId: tag.value.tagId })).toEqual([1, 3]);
    expect(await list({ search: "parcel" })).toEqual([4]);
    expect(await list({ search: "c2@example" })).toEqual([2]);
    expect(await list({ search: "BILLING" })).toEqual([1, 3]);
    expect(await list({ search: "nothing-like-this" })).toEqual([]);
    const row = await getConversationRow({ db: t.db, actor: a.viewer, conversationId: ids[1] });
    expect(row).toMatchObject({ assigneeId: a.bob.userId, assigneeName: a.bob.name, tags: [{ name: "Billing" }] });
  });

  test("another account's conversations never show; No access is refused; bad input is a clear error", async () => {
    const { a } = await inboxWith(2);
    const other = await createInboxAccount(t.db, "Other");
    const mine = await listConversations({ db: t.db, actor: other.alice, input: {} });
    expect(mine).toEqual({ ok: true, value: { rows: [], nextCursor: null } });
    await expect(listConversations({ db: t.db, actor: a.nobody, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await listConversations({ db: t.db, actor: a.alice, input: { status: "deleted" } })).toMatchObject({
      ok: false,
      error: "Status is Open or Complete.",
    });
    expect(await listConversations({ db: t.db, actor: a.alice, input: { cursor: "garbage" } })).toMatchObject({ ok: false });
    expect(await listConversations({ db: t.db, actor: a.alice, input: { search: "'; DROP TABLE x; --" } })).toMatchObject({ ok: true });
  });
});

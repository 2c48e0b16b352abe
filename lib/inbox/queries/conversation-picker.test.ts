import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { conversations } from "@/db/schema";
import { rowsOf, useTestDatabase } from "@/db/test-database";
import type { Actor } from "@/lib/access/permissions";
import { assignConversation } from "../assign";
import { completeConversation } from "../complete";
import { tagConversation } from "../tags";
import { createInboxAccount, inbound } from "../inbox.fixtures";
import { SEARCH_WINDOW } from "./conversation-picker";
import { listConversations, type ListConversationsInput } from "./list-conversations";

const t = useTestDatabase();

/**
 * 12 conversations from contacts (assigned round-robin to Alice, Bob, Carol and nobody; every third
 * tagged Billing; the even ones mention a refund; the last one Complete) with last activity in
 * ties of three, behind SEARCH_WINDOW + 20 newer conversations of the owner that match no tag and
 * no word, so the searches must go past the recent window.
 */
async function fixture() {
  const a = await createInboxAccount(t.db);
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const body = i % 2 === 0 ? `please refund order ${i}` : `question ${i}`;
    ids.push((await inbound(t.db, a.accountId, { email: `c${i}@example.com`, body })).conversationId);
  }
  const owners = [a.alice, a.bob, a.carol, null];
  for (let i = 0; i < 12; i++) {
    const owner = owners[i % 4];
    if (owner) await assignConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[i], assigneeId: owner.userId } });
  }
  let tagId = "";
  for (let i = 0; i < 12; i += 3) {
    const r = await tagConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[i], name: "Billing" } });
    if (!r.ok) throw new Error(r.error);
    tagId = r.value.tagId;
  }
  await completeConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[11] } });
  await t.db.execute(sql`UPDATE ${conversations} SET last_message_at = timestamptz '2026-01-01 10:00:00.123456+00' - (number / 3) * interval '1 minute'
                         WHERE account_id = ${a.accountId}`);
  await t.db.execute(sql`INSERT INTO ${conversations} (account_id, number, status, assignee_id, last_message_at, last_message_preview)
                         SELECT ${a.accountId}, 1000 + g, 'open', ${a.owner.userId}::uuid, timestamptz '2026-02-01 00:00:00+00' - g * interval '1 second', 'noise'
                         FROM generate_series(1, ${SEARCH_WINDOW + 20}) g`);
  // The expected order comes from a plain sort of the whole table, not from the code under test.
  const all = await rowsOf<{ id: string; status: string }>(
    t.db,
    sql`SELECT id, status FROM ${conversations} WHERE account_id = ${a.accountId} ORDER BY last_message_at DESC, id DESC`,
  );
  const expected = (status: "open" | "complete", pick: (i: number) => boolean) =>
    all.filter((r) => r.status === status && ids.includes(r.id) && pick(ids.indexOf(r.id))).map((r) => r.id);
  return { a, ids, tagId, all, expected };
}

async function everyPage(actor: Actor, input: ListConversationsInput, limit: number) {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await listConversations({ db: t.db, actor, input: { ...input, limit, cursor } });
    if (!r.ok) throw new Error(r.error);
    seen.push(...r.value.rows.map((row) => row.id));
    cursor = r.value.nextCursor ?? undefined;
    if (++pages > 200) throw new Error("no end of pages");
  } while (cursor);
  return seen;
}

describe("the page picker", () => {
  test("assignee sets, groups, tags and searches page in exact activity order across ties, with no gaps or repeats", async () => {
    const { a, tagId, all, expected } = await fixture();
    const alice = (i: number) => i % 4 === 0;
    const bob = (i: number) => i % 4 === 1;
    const carol = (i: number) => i % 4 === 2;
    const nobody = (i: number) => i % 4 === 3;
    const tagged = (i: number) => i % 3 === 0;
    const refund = (i: number) => i % 2 === 0;
    const cases: [ListConversationsInput, Actor, string[]][] = [
      [{ assignment: { agentIds: [a.bob.userId, a.carol.userId] } }, a.alice, expected("open", (i) => bob(i) || carol(i))],
      [{ assignment: { groupIds: [a.supportGroupId] } }, a.alice, expected("open", (i) => alice(i) || bob(i))],
      [{ assignment: { unassigned: true, mine: true } }, a.bob, expected("open", (i) => bob(i) || nobody(i))],
      // Bob is both named and in the group: listed once.
      [
        { assignment: { unassigned: true, agentIds: [a.bob.userId], groupIds: [a.supportGroupId] } },
        a.carol,
        expected("open", (i) => !carol(i)),
      ],
      [{ tagId }, a.alice, expected("open", tagged)],
      [{ search: "refund" }, a.alice, expected("open", refund)],
      [{ search: "billing" }, a.alice, expected("open", tagged)],
      [{ tagId, search: "refund", assignment: { groupIds: [a.supportGroupId] } }, a.alice, expected("open", (i) => tagged(i) && refund(i) && (alice(i) || bob(i)))],
      [{ status: "complete", assignment: { unassigned: true } }, a.alice, expected("complete", nobody)],
    ];
    for (const [input, actor, want] of cases) {
      expect(want.length).toBeGreaterThan(0);
      for (const limit of [1, 2, 5, 30]) {
        expect({ input, limit, got: await everyPage(actor, input, limit) }).toEqual({ input, limit, got: want });
      }
    }
    // The noise rows are newer: an unfiltered list starts with them and still reaches every row.
    const everything = await everyPage(a.alice, {}, 40);
    expect(everything).toEqual(all.filter((r) => r.status === "open").map((r) => r.id));
  });
});

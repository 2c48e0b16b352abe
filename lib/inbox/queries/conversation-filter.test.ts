import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { assignConversation } from "../assign";
import { completeConversation } from "../complete";
import { createInboxAccount, inbound } from "../inbox.fixtures";
import { tagConversation } from "../tags";
import { rowMatchesFilter, type ConversationRow, type ListConversationsInput } from "./conversation-filter";
import { getConversationRow, listConversations } from "./list-conversations";

const me = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const bob = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const carol = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const support = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";
const billing = "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee";
const context = { meId: me, groupMembers: { [support]: [me, bob] } };

const row = (over: Partial<Pick<ConversationRow, "status" | "assigneeId" | "tags">> = {}) => ({
  status: "open" as const,
  assigneeId: null,
  tags: [],
  ...over,
});
const matches = (r: ReturnType<typeof row>, filter: ListConversationsInput) => rowMatchesFilter(r, filter, context);

describe("rowMatchesFilter (the left pane's filter, as the browser applies it to a changed row)", () => {
  test("status: the Open tab by default, or the Complete tab", () => {
    expect(matches(row(), {})).toBe(true);
    expect(matches(row(), { status: "open" })).toBe(true);
    expect(matches(row({ status: "complete" }), {})).toBe(false);
    expect(matches(row({ status: "complete" }), { status: "complete" })).toBe(true);
    expect(matches(row(), { status: "complete" })).toBe(false);
  });

  test("unassigned", () => {
    const filter = { assignment: { unassigned: true } };
    expect(matches(row(), filter)).toBe(true);
    expect(matches(row({ assigneeId: me }), filter)).toBe(false);
  });

  test("mine", () => {
    const filter = { assignment: { mine: true } };
    expect(matches(row({ assigneeId: me }), filter)).toBe(true);
    expect(matches(row({ assigneeId: bob }), filter)).toBe(false);
    expect(matches(row(), filter)).toBe(false);
  });

  test("specific agents", () => {
    const filter = { assignment: { agentIds: [bob, carol] } };
    expect(matches(row({ assigneeId: bob }), filter)).toBe(true);
    expect(matches(row({ assigneeId: carol }), filter)).toBe(true);
    expect(matches(row({ assigneeId: me }), filter)).toBe(false);
    expect(matches(row(), filter)).toBe(false);
  });

  test("groups: conversations assigned to any member", () => {
    const filter = { assignment: { groupIds: [support] } };
    expect(matches(row({ assigneeId: me }), filter)).toBe(true);
    expect(matches(row({ assigneeId: bob }), filter)).toBe(true);
    expect(matches(row({ assigneeId: carol }), filter)).toBe(false);
    expect(matches(row(), filter)).toBe(false);
    expect(matches(row({ assigneeId: bob }), { assignment: { groupIds: [billing] } })).toBe(false);
  });

  test("several choices widen the list; a filter that picks nothing is everyone's", () => {
    const filter = { assignment: { unassigned: true, mine: true } };
    expect(matches(row(), filter)).toBe(true);
    expect(matches(row({ assigneeId: me }), filter)).toBe(true);
    expect(matches(row({ assigneeId: bob }), filter)).toBe(false);
    for (const empty of [{}, { unassigned: false, mine: false, agentIds: [], groupIds: [] }]) {
      expect(matches(row({ assigneeId: bob }), { assignment: empty })).toBe(true);
    }
  });

  test("tags", () => {
    const tagged = row({ tags: [{ id: billing, name: "Billing" }] });
    expect(matches(tagged, { tagId: billing })).toBe(true);
    expect(matches(row(), { tagId: billing })).toBe(false);
    expect(matches(tagged, { tagId: support })).toBe(false);
  });

  test("search: only the server can tell (null), unless nothing searchable was typed; other filters still exclude", () => {
    expect(matches(row(), { search: "parcel" })).toBeNull();
    expect(matches(row(), { search: "  !!  " })).toBe(true);
    expect(matches(row(), { search: "" })).toBe(true);
    expect(matches(row({ status: "complete" }), { search: "parcel" })).toBe(false);
    expect(matches(row(), { search: "parcel", tagId: billing })).toBe(false);
    expect(matches(row({ assigneeId: bob }), { search: "parcel", assignment: { mine: true } })).toBe(false);
  });
});

const t = useTestDatabase();

describe("rowMatchesFilter agrees with listConversations", () => {
  test("for every filter kind, a row matches exactly when the list query returns it", async () => {
    const a = await createInboxAccount(t.db);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await inbound(t.db, a.accountId, { email: `c${i}@example.com`, body: `question ${i}` })).conversationId);
    await assignConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[0], assigneeId: a.alice.userId } });
    await assignConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[1], assigneeId: a.bob.userId } });
    await assignConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[2], assigneeId: a.carol.userId } });
    await completeConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[5] } });
    const tag = await tagConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[1], name: "Billing" } });
    if (!tag.ok) throw new Error(tag.error);
    await tagConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[3], name: "Billing" } });

    const rows = await Promise.all(ids.map((conversationId) => getConversationRow({ db: t.db, actor: a.alice, conversationId })));
    const groupMembers = { [a.supportGroupId]: [a.alice.userId, a.bob.userId] };
    const filters: ListConversationsInput[] = [
      {},
      { status: "complete" },
      { assignment: { unassigned: true } },
      { assignment: { mine: true } },
      { assignment: { agentIds: [a.bob.userId, a.carol.userId] } },
      { assignment: { groupIds: [a.supportGroupId] } },
      { assignment: { unassigned: true, mine: true } },
      { tagId: tag.value.tagId },
      { tagId: tag.value.tagId, assignment: { unassigned: true } },
      { status: "complete", assignment: { unassigned: true } },
      { search: "!!" },
    ];
    for (const filter of filters) {
      const listed = await listConversations({ db: t.db, actor: a.alice, input: filter });
      if (!listed.ok) throw new Error(listed.error);
      const listedIds = new Set(listed.value.rows.map((r) => r.id));
      const matched = rows.map((r) => rowMatchesFilter(r!, filter, { meId: a.alice.userId, groupMembers }));
      expect({ filter, matched }).toEqual({ filter, matched: ids.map((id) => listedIds.has(id)) });
    }
  });
});

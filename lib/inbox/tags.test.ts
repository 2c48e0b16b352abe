import { describe, expect, test } from "vitest";
import { conversationTags, tags } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { getThread } from "./queries/get-thread";
import { tagConversation, untagConversation } from "./tags";
import { createInboxAccount, inbound } from "./inbox.fixtures";

const t = useTestDatabase();

describe("tags (SPEC §4)", () => {
  test("agents tag and untag; tags are reused case-insensitively; untagging keeps the row (nothing deleted)", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    const first = await tagConversation({ db: t.db, actor: a.alice, input: { conversationId, name: "VIP" } });
    const again = await tagConversation({ db: t.db, actor: a.bob, input: { conversationId, name: "vip" } });
    if (!first.ok || !again.ok) throw new Error("tagging failed");
    expect(again.value.tagId).toBe(first.value.tagId);
    expect((await getThread({ db: t.db, actor: a.viewer, conversationId }))?.tags).toEqual([{ id: first.value.tagId, name: "VIP" }]);
    expect(await untagConversation({ db: t.db, actor: a.bob, input: { conversationId, tagId: first.value.tagId } })).toEqual({ ok: true, value: { changed: true } });
    expect((await getThread({ db: t.db, actor: a.viewer, conversationId }))?.tags).toEqual([]);
    expect(await t.db.select().from(conversationTags)).toHaveLength(1);
    await tagConversation({ db: t.db, actor: a.alice, input: { conversationId, name: "VIP" } });
    expect((await getThread({ db: t.db, actor: a.viewer, conversationId }))?.tags).toHaveLength(1);
  });

  test("viewers cannot tag; bad tags and other accounts' conversations are refused and change nothing", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other");
    const { conversationId } = await inbound(t.db, a.accountId);
    for (const who of [a.viewer, a.viewerAdmin, a.nobody]) {
      await expect(tagConversation({ db: t.db, actor: who, input: { conversationId, name: "x" } })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await tagConversation({ db: t.db, actor: a.alice, input: { conversationId, name: " " } })).toMatchObject({ ok: false, error: "Enter a tag." });
    expect(await tagConversation({ db: t.db, actor: a.alice, input: { conversationId, name: "<b>" } })).toMatchObject({ ok: false });
    expect(await tagConversation({ db: t.db, actor: other.alice, input: { conversationId, name: "mine" } })).toMatchObject({ ok: false, error: "Conversation not found." });
    expect(await t.db.select().from(tags)).toHaveLength(0);
  });
});

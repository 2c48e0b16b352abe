import { eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { attachments, messages } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createInboxAccount, inbound } from "@/lib/inbox/inbox.fixtures";
import { reply } from "@/lib/inbox/reply";
import { uploadAttachment } from "@/lib/inbox/upload-attachment";
import { pdfDocument } from "./attachments.fixtures";

const t = useTestDatabase({ poolSize: 25 });

describe("an upload goes out on one message only", () => {
  test("replies in ten conversations naming the same upload at the same instant: exactly one carries it, the others are refused and write nothing", async () => {
    const a = await createInboxAccount(t.db);
    const conversationIds: string[] = [];
    for (let i = 0; i < 10; i++) conversationIds.push((await inbound(t.db, a.accountId, { email: `c${i}@example.com` })).conversationId);
    const uploaded = await uploadAttachment({ db: t.db, actor: a.alice, input: { fileName: "contract.pdf" }, bytes: pdfDocument() });
    if (!uploaded.ok) throw new Error(uploaded.error);

    const results = await Promise.all(
      conversationIds.map((conversationId, i) =>
        reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: `copy ${i}`, attachmentIds: [uploaded.value.id] } }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const refused of results.filter((r) => !r.ok)) {
      expect(refused).toMatchObject({ error: "“contract.pdf” is already on a sent message; attach it again to send it twice." });
    }
    // No reply went out without the file it named.
    const replies = (await t.db.select().from(messages).where(inArray(messages.conversationId, conversationIds))).filter((m) => m.direction === "out");
    expect(replies).toHaveLength(1);
    const [row] = await t.db.select().from(attachments).where(eq(attachments.id, uploaded.value.id));
    expect(row.messageId).toBe(replies[0].id);
  });
});

import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, mailLocalMailbox } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { sendMail } from "@/lib/mail/send-mail";
import { trailingChat, type TranscriptEntry } from "./chat-transcript";
import { composeReplyEmail } from "./compose-reply-email";
import { conversationIdFromReplyAddress } from "./reply-address";

const t = useTestDatabase();

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 10, minute));
const entry = (channel: TranscriptEntry["channel"], author: string, body: string, minute: number, kind: TranscriptEntry["kind"] = "message"): TranscriptEntry => ({
  channel,
  kind,
  author,
  body,
  createdAt: at(minute),
});

describe("trailingChat", () => {
  it("is the chat run the email follows, without agent-only status messages", () => {
    const thread = [
      entry("email", "You", "old email", 0),
      entry("chat", "You", "hi", 1),
      entry(null, "system", "assigned to Ann", 2, "status"),
      entry("chat", "Ann", "hello!", 3),
    ];
    expect(trailingChat(thread).map((e) => e.body)).toEqual(["hi", "hello!"]);
  });

  it("is empty when the thread did not end in a chat", () => {
    expect(trailingChat([entry("chat", "You", "hi", 1), entry("email", "Ann", "answer", 2)])).toEqual([]);
    expect(trailingChat([])).toEqual([]);
  });
});

describe("composeReplyEmail", () => {
  it("threads the answer and sets Reply-To to the conversation's signed address", () => {
    const conversationId = randomUUID();
    const mail = composeReplyEmail({
      accountId: randomUUID(),
      accountName: "Acme",
      conversationId,
      to: { address: "ann@example.com", name: "Ann" },
      body: "Your order ships today.",
      threadSubject: "My order",
      threadMessageIds: ["<a@example.com>", "<b@example.com>"],
    });
    expect(mail.subject).toBe("Re: My order");
    expect(mail.inReplyTo).toBe("<b@example.com>");
    expect(mail.references).toEqual(["<a@example.com>", "<b@example.com>"]);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@.+>$/);
    expect(conversationIdFromReplyAddress(mail.headers!["Reply-To"])).toBe(conversationId);
    expect(mail.text).toBe("Your order ships today.");
  });

  it("appends the chat transcript, and the local mailbox keeps headers and transcript", async () => {
    const [account] = await t.db.insert(accounts).values({ name: "Acme" }).returning();
    const conversationId = randomUUID();
    const mail = composeReplyEmail({
      accountId: account.id,
      accountName: "Acme",
      conversationId,
      to: { address: "ann@example.com" },
      body: "Following up by email.",
      transcript: [entry("chat", "You", "Is the blue one in stock?", 1), entry("chat", "Bob", "Let me check.", 2)],
    });
    expect(mail.subject).toBe("Your conversation with Acme");
    await sendMail({ db: t.db, mail });
    const [row] = await t.db.select().from(mailLocalMailbox).where(eq(mailLocalMailbox.accountId, account.id));
    expect(row.text).toContain("Following up by email.");
    expect(row.text).toContain("Chat transcript");
    expect(row.text).toContain("You: Is the blue one in stock?");
    expect(row.text).toContain("Bob: Let me check.");
    const rendered = row.message as { messageId: string; headers: Record<string, string> };
    expect(rendered.messageId).toBe(mail.messageId);
    expect(JSON.stringify(rendered)).toContain(mail.headers!["Reply-To"]);
  });
});

describe("the account's sender settings (Settings → Channels → Email)", () => {
  it("From name replaces the account's name; reply-to is added after the conversation's signed address; quotes and line breaks never reach the header", () => {
    const base = { accountId: "a", accountName: "Acme", conversationId: "3f1c2a9e-8d4b-4c2a-9b1e-5d6f7a8b9c0d", to: { address: "c@example.com" }, body: "Hi" };
    const plain = composeReplyEmail(base);
    expect(plain.from).toMatch(/^"Acme" </);
    const signed = composeReplyEmail({ ...base, sender: { fromName: 'Acme "Support"\r\nBcc: x@evil.test', replyTo: "help@acme.test" } });
    expect(signed.from).toMatch(/^"Acme SupportBcc: x@evil.test" </);
    expect(signed.from).not.toMatch(/[\r\n]/);
    expect(signed.headers?.["Reply-To"]).toBe(`${plain.headers?.["Reply-To"]}, help@acme.test`);
  });
});

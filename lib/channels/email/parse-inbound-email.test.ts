import { describe, expect, it } from "vitest";
import { InboundEmailError, parseInboundEmail } from "./parse-inbound-email";

const crlf = (lines: string[]) => lines.join("\r\n");

const plain = crlf([
  "From: Ann Lee <Ann@Example.com>",
  "To: support@acme.test, reply+abc@inbound.conversations.local",
  "Cc: Boss <boss@example.com>",
  "Delivered-To: support@acme.test",
  "Subject: Re: My order",
  "Message-ID: <m2@example.com>",
  "In-Reply-To: <m1@acme.test>",
  "References: <m0@example.com> <m1@acme.test>",
  "",
  "Where is my order?",
]);

async function errorOf(raw: string | Buffer, opts?: { maxBytes?: number }) {
  try {
    await parseInboundEmail(raw, opts);
  } catch (error) {
    return error as InboundEmailError;
  }
  throw new Error("expected parseInboundEmail to refuse");
}

describe("parseInboundEmail", () => {
  it("reads sender, recipients, subject, text and threading headers", async () => {
    const mail = await parseInboundEmail(plain);
    expect(mail.from).toEqual({ address: "ann@example.com", name: "Ann Lee" });
    expect(mail.recipients.sort()).toEqual(["boss@example.com", "reply+abc@inbound.conversations.local", "support@acme.test"]);
    expect(mail.subject).toBe("Re: My order");
    expect(mail.text).toBe("Where is my order?");
    expect(mail.html).toBeNull();
    expect(mail.messageId).toBe("<m2@example.com>");
    expect(mail.inReplyTo).toBe("<m1@acme.test>");
    expect(mail.references).toEqual(["<m0@example.com>", "<m1@acme.test>"]);
  });

  it("sanitizes HTML: no scripts, styles, event handlers or javascript: links", async () => {
    const raw = crlf([
      "From: x@example.com",
      "Subject: hi",
      'Content-Type: text/html; charset="utf-8"',
      "",
      '<style>body{display:none}</style><p onclick="steal()" style="color:red">Hello <b>there</b><script>alert(1)</script></p>',
      '<a href="javascript:alert(2)">bad</a> <a href="https://ok.example/x" onmouseover="x()">good</a><img src="https://t.example/pixel.gif"><iframe src="https://e.example"></iframe>',
    ]);
    const mail = await parseInboundEmail(raw);
    expect(mail.html).not.toBeNull();
    const html = mail.html!;
    for (const forbidden of ["<script", "alert(1)", "onclick", "onmouseover", "style", "javascript:", "<img", "<iframe", "display:none"]) {
      expect(html).not.toContain(forbidden);
    }
    expect(html).toContain("<b>there</b>");
    expect(html).toContain('href="https://ok.example/x"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    // A mail without a text part gets its text from the sanitized HTML.
    expect(mail.text).toContain("Hello there");
    // Text is shown as text, never as HTML; script content is not part of it.
    expect(mail.text).not.toContain("alert(1)");
    expect(mail.text).not.toContain("<script");
  });

  it("refuses a body that is not MIME", async () => {
    const error = await errorOf("just some garbage without headers");
    expect(error).toBeInstanceOf(InboundEmailError);
    expect(error.code).toBe("malformed");
    expect(error.status).toBe(400);
    expect((await errorOf("")).code).toBe("malformed");
  });

  it("refuses mail without a valid From address", async () => {
    expect((await errorOf(crlf(["To: a@b.example", "Subject: x", "", "body"]))).code).toBe("missing_sender");
    expect((await errorOf(crlf(["From: not an address", "Subject: x", "", "body"]))).code).toBe("missing_sender");
  });

  it("refuses mail with no text", async () => {
    const error = await errorOf(crlf(["From: a@b.example", "Subject: x", "", "   "]));
    expect(error.code).toBe("empty");
    expect(error.status).toBe(422);
  });

  it("refuses oversized mail before parsing it", async () => {
    const huge = crlf(["From: a@b.example", "Subject: x", "", "a".repeat(2000)]);
    const error = await errorOf(huge, { maxBytes: 1000 });
    expect(error.code).toBe("too_large");
    expect(error.status).toBe(413);
  });
});

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, messengerLocalMailbox } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { parseMessengerEvents } from "./parse-messenger-events";
import { canReplyOnMessenger, MESSENGER_WINDOW_CLOSED } from "@/lib/message-channels/messenger-reply-window";
import { MessengerSendError, sendMessengerMessage } from "./send-messenger-message";
import { messengerSignature, verifyMessengerSignature, verifyMessengerSubscription } from "./webhook-verification";

const t = useTestDatabase();

describe("Messenger webhook handshake", () => {
  const params = (p: Record<string, string>) => new URLSearchParams(p);
  it("echoes the challenge only for subscribe with the right verify token", () => {
    expect(verifyMessengerSubscription(params({ "hub.mode": "subscribe", "hub.verify_token": "s3cret", "hub.challenge": "12345" }), "s3cret")).toEqual({
      ok: true,
      challenge: "12345",
    });
    const wrong = verifyMessengerSubscription(params({ "hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "12345" }), "s3cret");
    expect(wrong).toMatchObject({ ok: false, status: 403 });
    expect(verifyMessengerSubscription(params({ "hub.mode": "unsubscribe", "hub.verify_token": "s3cret", "hub.challenge": "1" }), "s3cret")).toMatchObject({
      ok: false,
      status: 400,
    });
    // Not configured: nothing verifies.
    expect(verifyMessengerSubscription(params({ "hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1" }), undefined)).toMatchObject({ ok: false });
    expect(verifyMessengerSubscription(params({ "hub.mode": "subscribe", "hub.verify_token": "x", "hub.challenge": "1" }), undefined)).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("checks X-Hub-Signature-256 over the raw body", () => {
    const body = JSON.stringify({ object: "page", entry: [] });
    const header = messengerSignature(body, "app-secret");
    expect(verifyMessengerSignature(body, header, "app-secret")).toBe(true);
    expect(verifyMessengerSignature(body, header.toUpperCase().replace("SHA256", "sha256"), "app-secret")).toBe(true);
    expect(verifyMessengerSignature(`${body} `, header, "app-secret")).toBe(false);
    expect(verifyMessengerSignature(body, messengerSignature(body, "other"), "app-secret")).toBe(false);
    expect(verifyMessengerSignature(body, null, "app-secret")).toBe(false);
    expect(verifyMessengerSignature(body, header, undefined)).toBe(false);
  });
});

describe("parseMessengerEvents", () => {
  it("keeps visitor messages and skips echoes and receipts", () => {
    const result = parseMessengerEvents({
      object: "page",
      entry: [
        {
          id: "PAGE",
          time: 1,
          messaging: [
            { sender: { id: "PSID1" }, recipient: { id: "PAGE" }, timestamp: 1_700_000_000_000, message: { mid: "m.1", text: "Hello" } },
            { sender: { id: "PAGE" }, recipient: { id: "PSID1" }, timestamp: 1_700_000_000_001, message: { mid: "m.2", text: "echo", is_echo: true } },
            { sender: { id: "PSID1" }, recipient: { id: "PAGE" }, timestamp: 1_700_000_000_002, delivery: { mids: ["m.2"] } },
            { sender: { id: "PSID1" }, recipient: { id: "PAGE" }, timestamp: 1_700_000_000_003, message: { mid: "m.3", attachments: [{ type: "image" }] } },
          ],
        },
      ],
    });
    expect(result).toEqual({
      ok: true,
      messages: [
        { pageId: "PAGE", psid: "PSID1", mid: "m.1", text: "Hello", media: [], sentAt: new Date(1_700_000_000_000) },
        // An attachment without a file URL (nothing to fetch) stays a placeholder.
        { pageId: "PAGE", psid: "PSID1", mid: "m.3", text: "[image attachment]", media: [], sentAt: new Date(1_700_000_000_003) },
      ],
    });
  });

  it("an attachment with a file URL becomes media to fetch, with or without text", () => {
    const result = parseMessengerEvents({
      object: "page",
      entry: [
        {
          id: "PAGE",
          messaging: [
            {
              sender: { id: "PSID1" },
              recipient: { id: "PAGE" },
              timestamp: 1,
              message: { mid: "m.4", attachments: [{ type: "image", payload: { url: "https://cdn.example/a.jpg" } }, { type: "location", payload: { coordinates: {} } }] },
            },
          ],
        },
      ],
    });
    expect(result).toMatchObject({ ok: true, messages: [{ mid: "m.4", text: "[location attachment]", media: [{ kind: "image", url: "https://cdn.example/a.jpg" }] }] });
  });

  it("refuses payloads with missing fields", () => {
    expect(parseMessengerEvents({ object: "page", entry: [{ id: "P", messaging: [{ recipient: { id: "P" }, timestamp: 1, message: { mid: "m" } }] }] })).toMatchObject({
      ok: false,
      error: expect.stringContaining("sender"),
    });
    expect(parseMessengerEvents({ object: "user", entry: [{ id: "P" }] }).ok).toBe(false);
    expect(parseMessengerEvents(null).ok).toBe(false);
    expect(parseMessengerEvents({ object: "page", entry: [] }).ok).toBe(false);
  });
});

describe("canReplyOnMessenger", () => {
  const last = new Date("2025-03-01T12:00:00Z");
  const after = (h: number, m: number) => new Date(last.getTime() + (h * 60 + m) * 60_000);
  it("allows a reply at 23:59 and refuses it at 24:01 with the reason", () => {
    expect(canReplyOnMessenger({ lastInboundAt: last, now: after(23, 59) })).toEqual({ ok: true });
    expect(canReplyOnMessenger({ lastInboundAt: last, now: after(24, 1) })).toEqual({ ok: false, reason: MESSENGER_WINDOW_CLOSED });
  });
  it("refuses when the visitor never wrote", () => {
    expect(canReplyOnMessenger({ lastInboundAt: null, now: last }).ok).toBe(false);
  });
});

describe("sendMessengerMessage", () => {
  it("records the send in the local mailbox when the Graph API is not configured", async () => {
    const [account] = await t.db.insert(accounts).values({ name: "Acme" }).returning();
    const result = await sendMessengerMessage({
      db: t.db,
      graphUrl: "",
      send: { accountId: account.id, pageId: "PAGE", pageAccessToken: null, psid: "PSID1", text: "Hi there" },
    });
    expect(result.delivered).toBe("local-mailbox");
    const rows = await t.db.select().from(messengerLocalMailbox).where(eq(messengerLocalMailbox.accountId, account.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ pageId: "PAGE", recipientPsid: "PSID1", text: "Hi there" });
    expect(rows[0].request).toEqual({ recipient: { id: "PSID1" }, messaging_type: "RESPONSE", message: { text: "Hi there" } });
  });

  it("posts to the Graph API with the page token when configured", async () => {
    const seen: { url: string; body: unknown }[] = [];
    let status = 200;
    const server = createServer((req, res) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => {
        seen.push({ url: req.url!, body: JSON.parse(data) });
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(status === 200 ? { recipient_id: "PSID1", message_id: "m.graph.1" } : { error: { message: "Invalid token" } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const graphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`;
    try {
      const send = { accountId: "00000000-0000-0000-0000-000000000000", pageId: "PAGE", pageAccessToken: "tok en", psid: "PSID1", text: "Hi" };
      expect(await sendMessengerMessage({ db: t.db, graphUrl, send })).toEqual({ externalId: "m.graph.1", delivered: "graph" });
      expect(seen[0].url).toBe("/v21.0/PAGE/messages?access_token=tok%20en");
      expect(seen[0].body).toEqual({ recipient: { id: "PSID1" }, messaging_type: "RESPONSE", message: { text: "Hi" } });
      status = 400;
      await expect(sendMessengerMessage({ db: t.db, graphUrl, send })).rejects.toThrow(MessengerSendError);
      expect(await t.db.select().from(messengerLocalMailbox)).toHaveLength(0);
    } finally {
      server.close();
    }
  });

  it("uploads a file to the Graph API as multipart filedata, after the text", async () => {
    const seen: { type: string; form: FormData | null; json: unknown }[] = [];
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const type = String(req.headers["content-type"]);
      const body = Buffer.concat(chunks);
      const form = type.startsWith("multipart/") ? await new Request("http://x", { method: "POST", headers: { "content-type": type }, body }).formData() : null;
      seen.push({ type, form, json: form ? null : JSON.parse(body.toString()) });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ message_id: `m.${seen.length}` }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const graphUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`;
      const bytes = Buffer.from("%PDF-1.4 test");
      const send = {
        accountId: "00000000-0000-0000-0000-000000000000",
        pageId: "PAGE",
        pageAccessToken: "t",
        psid: "PSID1",
        text: "The manual",
        files: [{ fileName: "manual.pdf", contentType: "application/pdf", bytes }],
      };
      expect(await sendMessengerMessage({ db: t.db, graphUrl, send })).toEqual({ externalId: "m.1", delivered: "graph" });
      expect(seen[0].json).toEqual({ recipient: { id: "PSID1" }, messaging_type: "RESPONSE", message: { text: "The manual" } });
      const form = seen[1].form!;
      expect(JSON.parse(String(form.get("recipient")))).toEqual({ id: "PSID1" });
      expect(JSON.parse(String(form.get("message")))).toEqual({ attachment: { type: "file", payload: { is_reusable: false } } });
      const file = form.get("filedata") as File;
      expect(file.name).toBe("manual.pdf");
      expect(file.type).toBe("application/pdf");
      expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    } finally {
      server.close();
    }
  });
});

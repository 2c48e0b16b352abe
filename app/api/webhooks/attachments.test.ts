import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { attachments, contacts, conversations, emailInboxes, mailLocalMailbox, messageDeliveries, messages, messengerLocalMailbox, messengerPages, smsLocalMailbox, smsNumbers } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { noisyJpeg, pdfDocument, pngImage, windowsProgram } from "@/lib/attachments/attachments.fixtures";
import { fetchRemoteMedia, type MediaFetcher } from "@/lib/attachments/fetch-remote-media";
import { channelConfig } from "@/lib/channels/channel-config";
import { receiveMessengerWebhook } from "@/lib/channels/messenger/receive-messenger-webhook";
import { messengerSignature } from "@/lib/channels/messenger/webhook-verification";
import { reply } from "@/lib/inbox/reply";
import { runQueuedJobs } from "@/lib/jobs/job-runner";
import { receiveInboundSms } from "@/lib/channels/sms/receive-inbound-sms";
import { smsRequestSignature } from "@/lib/channels/sms/request-signature";
import { fileStorage } from "@/lib/files/active-file-storage";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { uploadAttachment } from "@/lib/inbox/upload-attachment";

const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/db/client", () => ({ getDb: async () => session.db }));
vi.mock("@/app/(auth)/current-actor", () => ({ getCurrentActor: async () => null }));

const { POST: emailHook } = await import("./email/route");
const { POST: messengerHook } = await import("./messenger/route");
const { GET: download } = await import("../files/[id]/route");

const t = useTestDatabase();
beforeEach(() => {
  session.db = t.db;
});
const config = channelConfig();

// A media host standing in for Facebook's CDN and the SMS provider's media URLs.
let media: Server;
let mediaBase: string;
let photo: Buffer;
beforeAll(async () => {
  photo = await pngImage(900, 700);
  media = createServer((req, res) => {
    if (req.url === "/photo.png") res.writeHead(200, { "content-type": "image/png" }).end(photo);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => media.listen(0, "127.0.0.1", resolve));
  mediaBase = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
});
afterAll(() => media.close());
/** The real fetcher, allowed to reach the local media host (which the default guard refuses). */
const fetchFromLocalHost: MediaFetcher = (url, options) => fetchRemoteMedia(url, { ...options, addressAllowed: (a) => a === "127.0.0.1" });

async function setup() {
  const a = await createInboxAccount(t.db);
  const inboxAddress = `support-${a.accountId.slice(0, 8)}@inbound.conversations.local`;
  const smsNumber = `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
  const pageId = `page-${a.accountId.slice(0, 8)}`;
  await t.db.insert(emailInboxes).values({ accountId: a.accountId, address: inboxAddress });
  await t.db.insert(smsNumbers).values({ accountId: a.accountId, number: smsNumber, label: "Main" });
  await t.db.insert(messengerPages).values({ accountId: a.accountId, pageId, name: "Demo page" });
  return { ...a, inboxAddress, smsNumber, pageId };
}

const filesOf = (messageId: number) => t.db.select().from(attachments).where(eq(attachments.messageId, messageId));
const upload = async (actor: Parameters<typeof uploadAttachment>[0]["actor"], fileName: string, bytes: Buffer) => {
  const result = await uploadAttachment({ db: t.db, actor, input: { fileName }, bytes });
  if (!result.ok) throw new Error(result.error);
  return result.value.id;
};

async function rawMail(options: nodemailer.SendMailOptions): Promise<Buffer> {
  const built = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(options);
  return built.message as Buffer;
}
const emailRequest = (raw: Buffer) =>
  new Request("http://app.test/api/webhooks/email", {
    method: "POST",
    headers: { "content-type": "message/rfc822", "x-email-webhook-secret": config.emailWebhookSecret },
    body: new Uint8Array(raw),
  });

describe("email", () => {
  test("inbound: attachments and inline images are kept with the message, typed by their bytes; a program is noted, not kept", async () => {
    const a = await setup();
    const raw = await rawMail({
      from: "Dana <dana@example.com>",
      to: a.inboxAddress,
      subject: "Damaged parcel",
      text: "Photos and the receipt attached.",
      html: '<p>See: <img src="cid:box@dana"></p>',
      attachments: [
        { filename: "receipt.pdf", content: pdfDocument() },
        { filename: "box.jpg", content: photo, cid: "box@dana" },
        { filename: "fix.exe", content: windowsProgram() },
      ],
    });
    const response = await emailHook(emailRequest(raw));
    expect(response.status).toBe(201);
    const { messageId } = await response.json();
    const files = (await filesOf(messageId)).sort((x, y) => x.fileName.localeCompare(y.fileName));
    expect(files.map((f) => [f.fileName, f.contentType, f.inline, f.contentId])).toEqual([
      ["box.jpg", "image/png", true, "box@dana"],
      ["receipt.pdf", "application/pdf", false, null],
    ]);
    expect(files[0].thumbnailKey).not.toBeNull();
    const [message] = await t.db.select().from(messages).where(eq(messages.id, messageId));
    expect(message.body).toContain("Photos and the receipt attached.");
    expect(message.body).toContain("[Attachment not kept: “fix.exe” is a program or script; files that can run on a computer can't be attached.]");
    // A retry stores nothing twice.
    expect((await emailHook(emailRequest(raw))).status).toBe(200);
    expect(await t.db.select().from(attachments)).toHaveLength(2);
  });

  test("inbound: a mail that is only an attachment lands, its preview names the file", async () => {
    const a = await setup();
    const raw = await rawMail({ from: "erin@example.com", to: a.inboxAddress, subject: "scan", attachments: [{ filename: "scan.pdf", content: pdfDocument() }] });
    const response = await emailHook(emailRequest(raw));
    expect(response.status).toBe(201);
    const { conversationId, messageId } = await response.json();
    expect(await filesOf(messageId)).toHaveLength(1);
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(conversation.lastMessagePreview).toBe("Attachment: scan.pdf");
  });

  test("outbound: a reply's files go as MIME attachments; the local mailbox keeps the exact message", async () => {
    const a = await setup();
    const inbound = await (await emailHook(emailRequest(await rawMail({ from: "dana@example.com", to: a.inboxAddress, subject: "Invoice?", text: "Send it please" })))).json();
    const pdf = await upload(a.alice, "invoice-2041.pdf", pdfDocument());
    const sent = await replyAndSend({ db: t.db, actor: a.alice, input: { conversationId: inbound.conversationId, channel: "email", body: "Here it is.", attachmentIds: [pdf] } });
    expect(sent).toMatchObject({ ok: true, value: { delivery: { status: "sent" } } });
    const [mail] = await t.db.select().from(mailLocalMailbox).where(eq(mailLocalMailbox.accountId, a.accountId));
    expect(mail.message).toMatchObject({ attachments: [{ filename: "invoice-2041.pdf", contentType: "application/pdf" }] });
    const parsed = await simpleParser((await fileStorage().read(mail.rawKey!))!);
    expect(parsed.subject).toBe("Re: Invoice?");
    expect(parsed.text?.trim()).toBe("Here it is.");
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]).toMatchObject({ filename: "invoice-2041.pdf", contentType: "application/pdf", contentDisposition: "attachment" });
    expect(parsed.attachments[0].content.equals(pdfDocument())).toBe(true);
  });
});

const messengerPayload = (pageId: string, mid: string, message: Record<string, unknown>, psid = "psid-att") =>
  JSON.stringify({ object: "page", entry: [{ id: pageId, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: pageId }, timestamp: Date.now(), message: { mid, ...message } }] }] });

describe("Messenger", () => {
  test("inbound: an image's URL is fetched into storage with a thumbnail; a retry does not fetch again", async () => {
    const a = await setup();
    const rawBody = messengerPayload(a.pageId, "mid.img", { attachments: [{ type: "image", payload: { url: `${mediaBase}/photo.png` } }] });
    let fetches = 0;
    const counting: MediaFetcher = (url, options) => {
      fetches++;
      return fetchFromLocalHost(url, options);
    };
    const args = { db: t.db, rawBody, signature: messengerSignature(rawBody, config.messengerAppSecret), appSecret: config.messengerAppSecret, fetchMedia: counting };
    expect(await receiveMessengerWebhook(args)).toMatchObject({ ok: true, received: 1 });
    const [message] = await t.db.select().from(messages).where(eq(messages.externalId, "mid.img"));
    const [file] = await filesOf(message.id);
    expect(file).toMatchObject({ fileName: "photo.png", contentType: "image/png", width: 900, height: 700 });
    expect(file.thumbnailKey).not.toBeNull();
    expect(await receiveMessengerWebhook(args)).toMatchObject({ ok: true, received: 0, duplicates: 1 });
    expect(fetches).toBe(1);
  });

  test("inbound through the webhook: a URL inside our network is never fetched; the message says so", async () => {
    const a = await setup();
    const rawBody = messengerPayload(a.pageId, "mid.ssrf", { text: "look", attachments: [{ type: "image", payload: { url: "http://169.254.169.254/latest/meta-data/iam" } }] });
    const response = await messengerHook(
      new Request("http://app.test/api/webhooks/messenger", {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": messengerSignature(rawBody, config.messengerAppSecret) },
        body: rawBody,
      }),
    );
    expect(response.status).toBe(200);
    const [message] = await t.db.select().from(messages).where(eq(messages.externalId, "mid.ssrf"));
    expect(message.body).toBe("look\n\n[Attachment not kept: the image could not be fetched (the media URL points inside a private network).]");
    expect(await filesOf(message.id)).toHaveLength(0);
  });

  test("outbound: the text, then each file as its own attachment message", async () => {
    const a = await setup();
    const rawBody = messengerPayload(a.pageId, "mid.q", { text: "Which one?" });
    await receiveMessengerWebhook({ db: t.db, rawBody, signature: messengerSignature(rawBody, config.messengerAppSecret), appSecret: config.messengerAppSecret });
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.messengerPsid, "psid-att"));
    const image = await upload(a.alice, "model-b.png", photo);
    const pdf = await upload(a.alice, "specs.pdf", pdfDocument());
    const sent = await replyAndSend({ db: t.db, actor: a.alice, input: { conversationId: conversation.id, channel: "messenger", body: "This one", attachmentIds: [image, pdf] } });
    expect(sent).toMatchObject({ ok: true, value: { delivery: { status: "sent" } } });
    const rows = await t.db.select().from(messengerLocalMailbox).where(eq(messengerLocalMailbox.accountId, a.accountId));
    expect(rows.map((r) => r.text).sort()).toEqual(["This one", "[file] specs.pdf", "[image] model-b.png"].sort());
    const imageSend = rows.find((r) => r.text === "[image] model-b.png")!;
    expect(imageSend.request).toMatchObject({ message: { attachment: { type: "image" } }, filedata: { fileName: "model-b.png", contentType: "image/png" } });
  });
});

describe("SMS / MMS", () => {
  const smsArgs = (a: Awaited<ReturnType<typeof setup>>, params: Record<string, string>) => {
    const url = "http://app.test/api/webhooks/sms";
    return { db: t.db, url, params, signature: smsRequestSignature(url, params, config.smsAuthToken), authToken: config.smsAuthToken, fetchMedia: fetchFromLocalHost };
  };

  test("inbound MMS: media are fetched into storage; a text with only a picture lands", async () => {
    const a = await setup();
    const params = { MessageSid: "MMaaaaaaaaaaaaaaaa01", From: "+14155550123", To: a.smsNumber, Body: "", NumMedia: "1", MediaUrl0: `${mediaBase}/photo.png`, MediaContentType0: "image/png" };
    const result = await receiveInboundSms(smsArgs(a, params));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [file] = await filesOf(result.value.messageId);
    expect(file).toMatchObject({ contentType: "image/png", fileName: "photo.png" });
    // Bad media fields are refused with nothing stored.
    expect(await receiveInboundSms(smsArgs(a, { ...params, MessageSid: "MMaaaaaaaaaaaaaaaa02", MediaUrl0: "not a url" }))).toMatchObject({ ok: false, status: 400 });
  });

  test("outbound: an image goes as MMS media by a signed link that opens without a session; a PDF is refused before anything is sent", async () => {
    const a = await setup();
    const [contact] = await t.db.insert(contacts).values({ accountId: a.accountId, name: "Sam", phone: "+14155550177" }).returning();
    const inbound = await receiveInboundSms(smsArgs(a, { MessageSid: "SMbbbbbbbbbbbbbbbb01", From: contact.phone!, To: a.smsNumber, Body: "Picture of the part?" }));
    if (!inbound.ok) throw new Error(inbound.error);
    const pdf = await upload(a.alice, "manual.pdf", pdfDocument());
    const refused = await replyAndSend({ db: t.db, actor: a.alice, input: { conversationId: inbound.value.conversationId, channel: "sms", body: "Manual", attachmentIds: [pdf] } });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { attachmentIds: expect.stringContaining("SMS can carry only JPEG, PNG or GIF images") } });
    expect(await t.db.select().from(smsLocalMailbox)).toHaveLength(0);

    const jpeg = await upload(a.alice, "part.jpg", await noisyJpeg(0.2));
    const sent = await replyAndSend({ db: t.db, actor: a.alice, input: { conversationId: inbound.value.conversationId, channel: "sms", body: "", attachmentIds: [jpeg] } });
    expect(sent).toMatchObject({ ok: true, value: { delivery: { status: "sent" } } });
    const [out] = await t.db.select().from(smsLocalMailbox).where(eq(smsLocalMailbox.accountId, a.accountId));
    const [item] = out.media as { fileName: string; contentType: string; url: string }[];
    expect(item).toMatchObject({ fileName: "part.jpg", contentType: "image/jpeg" });
    const link = new URL(item.url);
    const opened = await download(new Request(`http://app.test${link.pathname}${link.search}`), { params: Promise.resolve({ id: jpeg }) });
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toBe("image/jpeg");
  });
});

/** An agent's reply, then the job runner's pass that sends it. */
async function replyAndSend(args: Parameters<typeof reply>[0]) {
  const result = await reply(args);
  if (!result.ok) return result;
  await runQueuedJobs({ db: args.db });
  const [delivery] = await args.db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, result.value.messageId));
  return { ...result, value: { ...result.value, delivery } };
}

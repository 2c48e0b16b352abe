import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { attachments, conversations, messages, smsNumbers } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { fileStorage } from "@/lib/files/active-file-storage";
import { createInboxAccount, inbound } from "@/lib/inbox/inbox.fixtures";
import { getThread } from "@/lib/inbox/queries/get-thread";
import { reply } from "@/lib/inbox/reply";
import { uploadAttachment } from "@/lib/inbox/upload-attachment";
import { htmlPage, pdfDocument, pngImage, windowsProgram } from "./attachments.fixtures";
import { downloadHeaders } from "./download-presentation";
import { findDownload } from "./find-download";
import { signedFilePath, verifySignedFile } from "./signed-file-url";
import { storeAttachmentFile } from "./store-attachment-file";

const t = useTestDatabase();

const upload = async (actor: Parameters<typeof uploadAttachment>[0]["actor"], fileName: string, bytes: Buffer) => {
  const result = await uploadAttachment({ db: t.db, actor, input: { fileName }, bytes });
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe("what a file is comes from its bytes", () => {
  test("an HTML page named .png is stored as text/html, gets no thumbnail and is served as a download", async () => {
    const a = await createInboxAccount(t.db);
    const file = await upload(a.alice, "cat.png", htmlPage());
    expect(file).toMatchObject({ fileName: "cat.png", contentType: "text/html", isImage: false, thumbnailUrl: null });
    const [row] = await t.db.select().from(attachments).where(eq(attachments.id, file.id));
    expect(row.contentType).toBe("text/html");
    expect(row.thumbnailKey).toBeNull();

    const download = await findDownload({ db: t.db, attachmentId: file.id, variant: "original", actor: a.alice, expires: null, signature: null });
    const headers = downloadHeaders({ ...download!, size: row.sizeBytes });
    expect(headers["content-type"]).toBe("text/html");
    expect(headers["content-disposition"]).toMatch(/^attachment; filename="cat.png"/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).toContain("sandbox");
  });

  test("a PNG named .html is an image: shown in place, with a thumbnail and its dimensions", async () => {
    const a = await createInboxAccount(t.db);
    const file = await upload(a.alice, "page.html", await pngImage(800, 600));
    expect(file).toMatchObject({ contentType: "image/png", isImage: true, width: 800, height: 600 });
    expect(file.thumbnailUrl).toBe(`/api/files/${file.id}?variant=thumbnail`);
    const [row] = await t.db.select().from(attachments).where(eq(attachments.id, file.id));
    const thumbnail = await fileStorage().read(row.thumbnailKey!);
    expect(thumbnail?.subarray(8, 12).toString("ascii")).toBe("WEBP");
    const download = await findDownload({ db: t.db, attachmentId: file.id, variant: "original", actor: a.alice, expires: null, signature: null });
    expect(downloadHeaders({ ...download!, size: 1 })["content-disposition"]).toMatch(/^inline;/);
  });

  test("SVG (which can carry script) is never shown in place", async () => {
    const a = await createInboxAccount(t.db);
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const file = await upload(a.alice, "logo.png", svg);
    expect(file).toMatchObject({ contentType: "image/svg+xml", isImage: false, thumbnailUrl: null });
    const download = await findDownload({ db: t.db, attachmentId: file.id, variant: "original", actor: a.alice, expires: null, signature: null });
    expect(downloadHeaders({ ...download!, size: 1 })["content-disposition"]).toMatch(/^attachment;/);
  });
});

describe("limits refuse with a clear message and store nothing", () => {
  test("too large, empty, a program by its bytes, a script by its name", async () => {
    const a = await createInboxAccount(t.db);
    const env = { MAX_ATTACHMENT_MB: "1" };
    const refusal = async (fileName: string, bytes: Buffer) => {
      const result = await storeAttachmentFile({ accountId: a.accountId, fileName, bytes, env });
      expect(result.ok).toBe(false);
      return result.ok ? "" : result.error;
    };
    expect(await refusal("big.pdf", Buffer.concat([pdfDocument(), Buffer.alloc(1024 * 1024)]))).toBe("“big.pdf” is 1.0 MB; attachments can be 1.0 MB at most.");
    expect(await refusal("empty.txt", Buffer.alloc(0))).toBe("“empty.txt” is empty.");
    expect(await refusal("holiday.jpg", windowsProgram())).toBe("“holiday.jpg” is a program or script; files that can run on a computer can't be attached.");
    expect(await refusal("invoice.bat", Buffer.from("echo hello\r\n"))).toMatch(/“invoice.bat” is a program or script/);
    expect(await refusal("run.txt", Buffer.from("#!/bin/sh\nrm -rf ~\n"))).toMatch(/is a program or script/);

    const viaUpload = await uploadAttachment({ db: t.db, actor: a.alice, input: { fileName: "setup.exe" }, bytes: windowsProgram() });
    expect(viaUpload).toMatchObject({ ok: false, fieldErrors: { file: expect.stringContaining("can't be attached") } });
    expect(await t.db.select().from(attachments)).toHaveLength(0);
  });

  test("names are cleaned of paths and direction tricks; the type never follows them", async () => {
    const a = await createInboxAccount(t.db);
    const file = await upload(a.alice, "../../etc/pass\u202Efdp.txt", Buffer.from("plain words"));
    expect(file.fileName).toBe("passfdp.txt");
    expect(file.contentType).toBe("text/plain");
  });
});

describe("who may upload, attach and open", () => {
  test("a viewer cannot upload; nothing is stored", async () => {
    const a = await createInboxAccount(t.db);
    await expect(uploadAttachment({ db: t.db, actor: a.viewer, input: { fileName: "x.pdf" }, bytes: pdfDocument() })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.select().from(attachments)).toHaveLength(0);
  });

  test("a reply carries the agent's own uploads; another agent's, another account's or an already sent one are refused and nothing is written", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other Co");
    const { conversationId } = await inbound(t.db, a.accountId);
    const mine = await upload(a.alice, "report.pdf", pdfDocument());
    const bobs = await upload(a.bob, "bob.pdf", pdfDocument());
    const foreign = await upload(other.alice, "foreign.pdf", pdfDocument());
    const count = async () => (await t.db.select().from(messages).where(eq(messages.conversationId, conversationId))).length;
    const before = await count();

    for (const id of [bobs.id, foreign.id]) {
      const refused = await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "See attached", attachmentIds: [id] } });
      expect(refused).toMatchObject({ ok: false, error: "An attached file is no longer available; attach it again." });
    }
    expect(await count()).toBe(before);

    const sent = await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "", attachmentIds: [mine.id, mine.id] } });
    expect(sent.ok).toBe(true);
    const again = await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "twice", attachmentIds: [mine.id] } });
    expect(again).toMatchObject({ ok: false, error: "“report.pdf” is already on a sent message; attach it again to send it twice." });

    const thread = await getThread({ db: t.db, actor: a.viewer, conversationId });
    const last = thread!.messages.at(-1)!;
    expect(last.body).toBe("");
    expect(last.attachments.map((f) => f.fileName)).toEqual(["report.pdf"]);
    const [conversation] = await t.db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(conversation.lastMessagePreview).toBe("Attachment: report.pdf");
  });

  test("a reply with neither text nor files is refused", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    expect(await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "  " } })).toMatchObject({
      ok: false,
      fieldErrors: { body: "Write a message first." },
    });
  });

  test("SMS refuses a PDF with a reason; web chat and email take it", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    await t.db.update(conversations).set({ channels: ["email", "sms"] }).where(eq(conversations.id, conversationId));
    const { contactId } = (await t.db.select().from(conversations).where(eq(conversations.id, conversationId)))[0];
    await t.db.execute(`UPDATE contacts SET phone = '+15550001111' WHERE id = '${contactId}'`);
    await t.db.insert(smsNumbers).values({ accountId: a.accountId, number: "+15550002222" });
    const pdf = await upload(a.alice, "terms.pdf", pdfDocument());
    const refused = await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "sms", body: "Terms", attachmentIds: [pdf.id] } });
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { attachmentIds: "SMS can carry only JPEG, PNG or GIF images; “terms.pdf” can't go by text. Send it by email or web chat instead." },
    });
    // Still unattached: the same upload goes by email.
    expect((await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Terms", attachmentIds: [pdf.id] } })).ok).toBe(true);
  });

  test("downloads: agents and viewers of the account; not No access, not another account, not someone else's pending upload", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other Co");
    const { conversationId } = await inbound(t.db, a.accountId);
    const file = await upload(a.alice, "plan.pdf", pdfDocument());
    const open = (actor: typeof a.alice | null, attachmentId = file.id) =>
      findDownload({ db: t.db, attachmentId, variant: "original", actor, expires: null, signature: null });

    expect(await open(a.alice)).toMatchObject({ fileName: "plan.pdf", contentType: "application/pdf" });
    expect(await open(a.bob)).toBeNull(); // pending: only its uploader sees it
    await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Plan", attachmentIds: [file.id] } });
    expect(await open(a.bob)).not.toBeNull();
    expect(await open(a.viewer)).not.toBeNull();
    expect(await open(a.nobody)).toBeNull();
    expect(await open(other.owner)).toBeNull();
    expect(await open(null)).toBeNull();
    expect(await open(a.alice, "not-a-uuid")).toBeNull();
  });

  test("signed links open one file and variant until they expire; forged, swapped or expired ones open nothing", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    const image = await upload(a.alice, "photo.png", await pngImage());
    const other = await upload(a.alice, "other.pdf", pdfDocument());
    expect((await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Photo", attachmentIds: [image.id, other.id] } })).ok).toBe(true);
    const now = new Date();
    const params = (path: string) => new URL(path, "http://x").searchParams;
    const thumbnail = params(signedFilePath({ attachmentId: image.id, variant: "thumbnail", expiresInSeconds: 600, now }));
    const signedOpen = (attachmentId: string, variant: "original" | "thumbnail", p: URLSearchParams, at = now) =>
      findDownload({ db: t.db, attachmentId, variant, actor: null, expires: p.get("expires"), signature: p.get("signature"), now: at });

    expect(await signedOpen(image.id, "thumbnail", thumbnail)).toMatchObject({ contentType: "image/webp", crossOrigin: true });
    expect(await signedOpen(image.id, "original", thumbnail)).toBeNull();
    expect(await signedOpen(other.id, "thumbnail", thumbnail)).toBeNull();
    expect(await signedOpen(image.id, "thumbnail", thumbnail, new Date(now.getTime() + 601_000))).toBeNull();
    const forged = new URLSearchParams(thumbnail);
    forged.set("expires", String(Number(thumbnail.get("expires")) + 3600));
    expect(await signedOpen(image.id, "thumbnail", forged)).toBeNull();
    expect(verifySignedFile({ attachmentId: image.id, variant: "thumbnail", expires: thumbnail.get("expires"), signature: "x", now })).toBeNull();
  });
});

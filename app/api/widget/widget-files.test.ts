import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { attachments, messages } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { htmlPage, pdfDocument, pngImage, windowsProgram } from "@/lib/attachments/attachments.fixtures";
import { ensureWidgetKey } from "@/lib/channels/webchat/widget-key";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { getThread } from "@/lib/inbox/queries/get-thread";
import { reply } from "@/lib/inbox/reply";
import { runQueuedJobs } from "@/lib/jobs/job-runner";
import { uploadAttachment } from "@/lib/inbox/upload-attachment";

const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/db/client", () => ({ getDb: async () => session.db }));
vi.mock("@/app/(auth)/current-actor", () => ({ getCurrentActor: async () => null }));

const { POST: startSession } = await import("./session/route");
const { GET: history } = await import("./history/route");
const { POST: sendFile, OPTIONS: preflight } = await import("./files/route");
const { GET: download } = await import("../files/[id]/route");

const t = useTestDatabase();
beforeEach(() => {
  session.db = t.db;
});

let ip = 0;
async function visitor() {
  const a = await createInboxAccount(t.db);
  const widgetKey = await ensureWidgetKey({ db: t.db, accountId: a.accountId });
  const res = await startSession(
    new Request("http://app.test/api/widget/session", { method: "POST", headers: { "x-conversations-socket-address": `10.9.0.${++ip}` }, body: JSON.stringify({ widgetKey }) }),
  );
  return { a, token: (await res.json()).token as string };
}
const fileRequest = (token: string | null, fileName: string, bytes: Buffer, clientMessageId: string = crypto.randomUUID()) =>
  new Request("http://app.test/api/widget/files", {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream",
      "x-conversations-socket-address": `10.9.1.${++ip % 250}`,
      "x-file-name": encodeURIComponent(fileName),
      "x-client-message-id": clientMessageId,
      ...(token ? { "x-visitor-token": token } : {}),
    },
    body: new Uint8Array(bytes),
  });
const historyOf = async (token: string) =>
  (await (await history(new Request("http://app.test/api/widget/history", { headers: { "x-visitor-token": token, "x-conversations-socket-address": `10.9.2.${++ip % 250}` } }))).json()) as {
    messages: { from: string; body: string; attachments: { fileName: string; url: string; thumbnailUrl: string | null }[] }[];
  };
const open = (path: string) => {
  const url = new URL(path, "http://app.test");
  const id = url.pathname.split("/").pop()!;
  return download(new Request(url), { params: Promise.resolve({ id }) });
};

describe("POST /api/widget/files (the visitor sends a file)", () => {
  test("an image becomes the visitor's message with a thumbnail the agents see; a retry stores one", async () => {
    const { a, token } = await visitor();
    const clientMessageId = crypto.randomUUID();
    const image = await pngImage(1024, 768);
    const first = await sendFile(fileRequest(token, "broken-lamp.png", image, clientMessageId));
    expect(first.status).toBe(201);
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    const { conversationId, messageId } = await first.json();
    expect((await sendFile(fileRequest(token, "broken-lamp.png", image, clientMessageId))).status).toBe(200);
    expect(await t.db.select().from(messages).where(eq(messages.conversationId, conversationId))).toHaveLength(1);

    const thread = await getThread({ db: t.db, actor: a.alice, conversationId });
    expect(thread!.messages.at(-1)).toMatchObject({
      id: messageId,
      direction: "in",
      channel: "chat",
      attachments: [{ fileName: "broken-lamp.png", contentType: "image/png", isImage: true, width: 1024, height: 768, thumbnailUrl: expect.stringContaining("variant=thumbnail") }],
    });
  });

  test("the widget's history carries short-lived signed links that open without a session; agent files too", async () => {
    const { a, token } = await visitor();
    const { conversationId } = await (await sendFile(fileRequest(token, "photo.png", await pngImage()))).json();
    const pdf = await uploadAttachment({ db: t.db, actor: a.alice, input: { fileName: "guide.pdf" }, bytes: pdfDocument() });
    if (!pdf.ok) throw new Error(pdf.error);
    const sent = await replyAndSend({ db: t.db, actor: a.alice, input: { conversationId, channel: "chat", body: "Here is the guide", attachmentIds: [pdf.value.id] } });
    expect(sent.ok).toBe(true);

    const h = await historyOf(token);
    expect(h.messages.map((m) => [m.from, m.body, m.attachments.map((f) => f.fileName)])).toEqual([
      ["visitor", "", ["photo.png"]],
      ["team", "Here is the guide", ["guide.pdf"]],
    ]);
    const [photo, guide] = [h.messages[0].attachments[0], h.messages[1].attachments[0]];
    expect(photo.url).toMatch(/^\/api\/files\/[0-9a-f-]+\?expires=\d+&signature=/);
    const thumbnail = await open(photo.thumbnailUrl!);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    const guideResponse = await open(guide.url);
    expect(guideResponse.status).toBe(200);
    expect(guideResponse.headers.get("content-disposition")).toMatch(/^attachment; filename="guide.pdf"/);
    expect(guideResponse.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    // A link for one file does not open another.
    expect((await open(guide.url.replace(/\/api\/files\/[^?]+/, `/api/files/${photo.url.split("/")[3].split("?")[0]}`))).status).toBe(404);
  });

  test("refusals: no token, a program, HTML named as an image is kept but only as a download, too large; CORS allows the headers", async () => {
    const { token } = await visitor();
    expect((await sendFile(fileRequest(null, "a.png", await pngImage()))).status).toBe(401);
    const program = await sendFile(fileRequest(token, "game.jpg", windowsProgram()));
    expect(program.status).toBe(400);
    expect((await program.json()).error).toBe("“game.jpg” is a program or script; files that can run on a computer can't be attached.");
    vi.stubEnv("MAX_ATTACHMENT_MB", "0.01");
    try {
      const tooLarge = await sendFile(fileRequest(token, "big.pdf", Buffer.concat([pdfDocument(), Buffer.alloc(20_000)])));
      expect(tooLarge.status).toBe(413);
      expect((await tooLarge.json()).error).toBe("The file is larger than 10 KB, the limit for attachments.");
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await t.db.select().from(attachments)).toHaveLength(0);

    const disguised = await sendFile(fileRequest(token, "cute.png", htmlPage()));
    expect(disguised.status).toBe(201);
    const [row] = await t.db.select().from(attachments);
    expect(row).toMatchObject({ contentType: "text/html", thumbnailKey: null });
    const served = await open((await historyOf(token)).messages[0].attachments[0].url);
    expect(served.headers.get("content-disposition")).toMatch(/^attachment;/);

    const cors = preflight();
    expect(cors.headers.get("access-control-allow-headers")).toContain("x-file-name");
    expect(cors.headers.get("access-control-allow-headers")).toContain("x-client-message-id");
  });
});

/** An agent's reply, then the job runner's pass that sends it. */
async function replyAndSend(args: Parameters<typeof reply>[0]) {
  const result = await reply(args);
  if (result.ok) await runQueuedJobs({ db: args.db });
  return result;
}

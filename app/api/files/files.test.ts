import { beforeEach, describe, expect, test, vi } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import type { Actor } from "@/lib/access/permissions";
import { htmlPage, pdfDocument, pngImage } from "@/lib/attachments/attachments.fixtures";
import { createInboxAccount, inbound } from "@/lib/inbox/inbox.fixtures";
import { reply } from "@/lib/inbox/reply";

const session = vi.hoisted(() => ({ actor: null as Actor | null, db: null as unknown }));
vi.mock("@/app/(auth)/current-actor", () => ({ getCurrentActor: async () => session.actor }));
vi.mock("@/db/client", () => ({ getDb: async () => session.db }));

const { POST: upload } = await import("./route");
const { GET: download } = await import("./[id]/route");

const t = useTestDatabase();
beforeEach(() => {
  session.db = t.db;
  session.actor = null;
});

const uploadRequest = (fileName: string | null, bytes: Buffer) =>
  new Request("http://app.test/api/files", {
    method: "POST",
    headers: { "content-type": "application/octet-stream", ...(fileName === null ? {} : { "x-file-name": encodeURIComponent(fileName) }) },
    body: new Uint8Array(bytes),
  });
const get = (id: string, query = "") => download(new Request(`http://app.test/api/files/${id}${query}`), { params: Promise.resolve({ id }) });

async function uploadAs(actor: Actor, fileName: string, bytes: Buffer) {
  session.actor = actor;
  const response = await upload(uploadRequest(fileName, bytes));
  expect(response.status).toBe(201);
  return (await response.json()).attachment as { id: string; url: string; thumbnailUrl: string | null };
}

describe("POST /api/files (the composer's upload)", () => {
  test("signed out → 401; a viewer → 403; no name → 400; too large → 413; a program → 400 with the reason", async () => {
    const a = await createInboxAccount(t.db);
    expect((await upload(uploadRequest("a.pdf", pdfDocument()))).status).toBe(401);
    session.actor = a.viewer;
    const forbidden = await upload(uploadRequest("a.pdf", pdfDocument()));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: "You don't have permission to do this." });
    session.actor = a.alice;
    expect((await upload(uploadRequest(null, pdfDocument()))).status).toBe(400);
    vi.stubEnv("MAX_ATTACHMENT_MB", "0.001");
    try {
      const tooLarge = await upload(uploadRequest("a.pdf", Buffer.alloc(2000, 1)));
      expect(tooLarge.status).toBe(413);
      expect((await tooLarge.json()).error).toBe("The file is larger than 1 KB, the limit for attachments.");
    } finally {
      vi.unstubAllEnvs();
    }
    const program = await upload(uploadRequest("tool.exe", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(64)])));
    expect(program.status).toBe(400);
    expect((await program.json()).error).toMatch(/“tool.exe” is a program or script/);
  });
});

describe("GET /api/files/:id", () => {
  test("an HTML file uploaded as .png is served as a text/html download that cannot run", async () => {
    const a = await createInboxAccount(t.db);
    const file = await uploadAs(a.alice, "kitten.png", htmlPage());
    const response = await get(file.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="kitten.png"/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(Buffer.from(await response.arrayBuffer()).equals(htmlPage())).toBe(true);
  });

  test("a viewer of the account downloads; a user of another account, No access and anonymous get 404", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other Co");
    const { conversationId } = await inbound(t.db, a.accountId);
    const file = await uploadAs(a.alice, "invoice.pdf", pdfDocument());
    expect((await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Invoice", attachmentIds: [file.id] } })).ok).toBe(true);

    session.actor = a.viewer;
    const viewed = await get(file.id);
    expect(viewed.status).toBe(200);
    expect(viewed.headers.get("content-type")).toBe("application/pdf");
    expect(viewed.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await viewed.arrayBuffer()).equals(pdfDocument())).toBe(true);

    for (const actor of [other.owner, other.viewer, a.nobody, null]) {
      session.actor = actor;
      const refused = await get(file.id);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual({ error: "No such file, or it is not yours to open." });
    }
  });

  test("images are shown in place, their thumbnail too; a signed link works without a session", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    const file = await uploadAs(a.alice, "screenshot.png", await pngImage(1200, 900));
    await reply({ db: t.db, actor: a.alice, input: { conversationId, channel: "email", body: "Look", attachmentIds: [file.id] } });
    const original = await get(file.id);
    expect(original.headers.get("content-type")).toBe("image/png");
    expect(original.headers.get("content-disposition")).toMatch(/^inline; filename="screenshot.png"/);
    const thumbnail = await get(file.id, "?variant=thumbnail");
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    expect((await get(file.id, "?variant=other")).status).toBe(404);

    session.actor = null;
    const { signedFilePath } = await import("@/lib/attachments/signed-file-url");
    const path = signedFilePath({ attachmentId: file.id, variant: "thumbnail", expiresInSeconds: 60 });
    const signed = await get(file.id, path.slice(path.indexOf("?")));
    expect(signed.status).toBe(200);
    expect(signed.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect((await get(file.id, path.slice(path.indexOf("?")).replace("signature=", "signature=x"))).status).toBe(404);
  });
});

describe("with S3_BUCKET set, files go to the S3-compatible store and downloads to presigned URLs", () => {
  test("an upload lands in the bucket; its download is a redirect that serves it with the same presentation", async () => {
    const { startS3Stub } = await import("@/lib/files/s3-stub.fixtures");
    const stub = await startS3Stub({ bucket: "conversations-files", accessKeyId: "AKIAFLOW" });
    for (const [key, value] of Object.entries(stub.env)) vi.stubEnv(key, value);
    try {
      const a = await createInboxAccount(t.db);
      const file = await uploadAs(a.alice, "kitten.png", htmlPage());
      expect([...stub.objects.keys()]).toEqual([expect.stringMatching(new RegExp(`^accounts/${a.accountId}/files/[0-9a-f]{64}$`))]);

      const response = await get(file.id);
      expect(response.status).toBe(302);
      const location = response.headers.get("location")!;
      expect(location.startsWith(`${stub.endpoint}/conversations-files/accounts/${a.accountId}/files/`)).toBe(true);
      const fetched = await fetch(location);
      expect(fetched.headers.get("content-type")).toBe("text/html");
      expect(fetched.headers.get("content-disposition")).toMatch(/^attachment; filename="kitten.png"/);
      expect(Buffer.from(await fetched.arrayBuffer()).equals(htmlPage())).toBe(true);

      const other = await createInboxAccount(t.db, "Other Co");
      session.actor = other.owner;
      expect((await get(file.id)).status).toBe(404);
    } finally {
      vi.unstubAllEnvs();
      await stub.close();
    }
  });
});

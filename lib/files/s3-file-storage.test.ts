import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { s3FileStorage, s3Settings } from "./s3-file-storage";
import { startS3Stub } from "./s3-stub.fixtures";

let stub: Awaited<ReturnType<typeof startS3Stub>>;
beforeAll(async () => {
  stub = await startS3Stub({ bucket: "attachments", accessKeyId: "AKIASTUB" });
});
afterAll(() => stub.close());

describe("S3-compatible storage through @aws-sdk/client-s3", () => {
  test("settings: S3_BUCKET switches it on; an endpoint means path-style; half a key pair is refused", () => {
    expect(s3Settings({})).toBeNull();
    expect(s3Settings({ S3_BUCKET: "b", S3_ENDPOINT: "http://127.0.0.1:9000" })).toMatchObject({ bucket: "b", forcePathStyle: true, region: "us-east-1" });
    expect(s3Settings({ S3_BUCKET: "b" })).toMatchObject({ forcePathStyle: false, endpoint: undefined });
    expect(() => s3Settings({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "x" })).toThrow(/both/);
  });

  test("puts, reads and streams objects path-style, signed; a missing key reads as null", async () => {
    const storage = s3FileStorage(s3Settings(stub.env)!);
    await storage.put("accounts/a1/files/abc", Buffer.from("hello s3"), { contentType: "text/plain" });
    expect(stub.objects.get("accounts/a1/files/abc")).toEqual({ body: Buffer.from("hello s3"), contentType: "text/plain" });
    expect(stub.requests.at(-1)).toMatchObject({ method: "PUT", path: "/attachments/accounts/a1/files/abc" });
    expect((await storage.read("accounts/a1/files/abc"))?.toString()).toBe("hello s3");
    const opened = await storage.open("accounts/a1/files/abc");
    const chunks: Buffer[] = [];
    for await (const chunk of opened!.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("hello s3");
    expect(await storage.read("accounts/a1/files/missing")).toBeNull();
    expect(await storage.open("accounts/a1/files/missing")).toBeNull();
    await expect(storage.put("../escape", Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(/Not a storage key/);
  });

  test("a presigned URL downloads the object with the presentation it was signed with", async () => {
    const storage = s3FileStorage(s3Settings(stub.env)!);
    await storage.put("accounts/a1/files/page", Buffer.from("<html>"), { contentType: "text/html" });
    const url = await storage.presignedDownloadUrl("accounts/a1/files/page", {
      contentType: "text/html",
      contentDisposition: 'attachment; filename="page.png"',
      expiresInSeconds: 120,
    });
    expect(url).toMatch(new RegExp(`^${stub.endpoint}/attachments/accounts/a1/files/page\\?`));
    expect(new URL(url!).searchParams.get("X-Amz-Expires")).toBe("120");
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="page.png"');
    expect(await response.text()).toBe("<html>");
    expect(await storage.presignedDownloadUrl("accounts/a1/files/none", { contentType: "x/y", contentDisposition: "attachment", expiresInSeconds: 60 })).toBeNull();
  });

  test("the stub refuses an unsigned request, so the tests above prove the SDK signed them", async () => {
    const response = await fetch(`${stub.endpoint}/attachments/accounts/a1/files/abc`);
    expect(response.status).toBe(403);
  });
});

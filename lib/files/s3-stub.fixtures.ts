import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type S3StubObject = { body: Buffer; contentType: string };

/**
 * A local stand-in for an S3-compatible store, enough for the official SDK in path-style mode:
 * PUT / GET / HEAD of `/{bucket}/{key}`. It refuses requests that are not SigV4-signed with the
 * expected access key and region (an Authorization header, or a presigned URL's query), and
 * applies a presigned URL's response-content-type / -disposition overrides as S3 does.
 */
export async function startS3Stub({ bucket, accessKeyId, region = "us-east-1" }: { bucket: string; accessKeyId: string; region?: string }) {
  const objects = new Map<string, S3StubObject>();
  const requests: { method: string; path: string; presigned: boolean }[] = [];
  const scope = `${accessKeyId}/`;
  const scopeTail = `/${region}/s3/aws4_request`;

  const signedBy = (req: IncomingMessage, url: URL) => {
    const header = req.headers.authorization ?? "";
    const credential = header.match(/^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/)?.[1];
    if (credential) return credential.startsWith(scope) && credential.endsWith(scopeTail) ? "header" : null;
    const query = url.searchParams;
    const presigned = query.get("X-Amz-Algorithm") === "AWS4-HMAC-SHA256" && /^[0-9a-f]{64}$/.test(query.get("X-Amz-Signature") ?? "");
    const fromQuery = query.get("X-Amz-Credential") ?? "";
    return presigned && fromQuery.startsWith(scope) && fromQuery.endsWith(scopeTail) ? "query" : null;
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const signed = signedBy(req, url);
    requests.push({ method: req.method ?? "", path: url.pathname, presigned: signed === "query" });
    if (!signed) {
      res.writeHead(403, { "content-type": "application/xml" }).end("<Error><Code>AccessDenied</Code></Error>");
      return;
    }
    const prefix = `/${bucket}/`;
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404, { "content-type": "application/xml" }).end("<Error><Code>NoSuchBucket</Code></Error>");
      return;
    }
    const key = decodeURIComponent(url.pathname.slice(prefix.length));
    if (req.method === "PUT") {
      objects.set(key, { body: Buffer.concat(chunks), contentType: String(req.headers["content-type"] ?? "binary/octet-stream") });
      res.writeHead(200, { etag: '"stub"' }).end();
      return;
    }
    const object = objects.get(key);
    if (!object) {
      res.writeHead(404, { "content-type": "application/xml" }).end("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
      return;
    }
    const headers: Record<string, string> = {
      "content-type": url.searchParams.get("response-content-type") ?? object.contentType,
      "content-length": String(object.body.length),
      etag: '"stub"',
    };
    const disposition = url.searchParams.get("response-content-disposition");
    if (disposition) headers["content-disposition"] = disposition;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : object.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    objects,
    requests,
    env: { S3_BUCKET: bucket, S3_ENDPOINT: endpoint, S3_REGION: region, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: "stub-secret-key" },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

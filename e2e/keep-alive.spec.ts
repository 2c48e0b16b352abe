import { expect, test } from "@playwright/test";

// A pooled client (Playwright's request context, a load balancer) reuses idle connections; a server
// that closes them after Node's default 5 s races that reuse and the request dies with ECONNRESET.
test("the app server keeps idle connections open for 65 s", async ({ request }) => {
  const response = await request.get("/sign-in");
  expect(response.status()).toBe(200);
  expect(response.headers()["keep-alive"]).toBe("timeout=65");
});

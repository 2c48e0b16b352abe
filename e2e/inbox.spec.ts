import { expect, test, type Browser, type WebSocketRoute } from "@playwright/test";
import { AuthPages, DEMO_PASSWORD } from "./pages/auth-pages";
import { InboxPage } from "./pages/inbox-page";

// Two agents (Alice; Adam, an admin) and a viewer (Vera) work the demo inbox in separate browsers.

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  await new AuthPages(page).signIn(email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  const inbox = new InboxPage(page);
  await inbox.open();
  return inbox;
}

test("a message arrives live for all; the first reply takes ownership; reassign notifies; complete leaves Open; the viewer cannot act", async ({
  browser,
  request,
}, testInfo) => {
  const alice = await signedIn(browser, "agent@demo.test");
  const adam = await signedIn(browser, "admin@demo.test");
  const vera = await signedIn(browser, "viewer@demo.test");
  const stamp = Date.now();
  const name = `Erin E2E ${stamp}`;

  const delivered = await request.post("/api/test/inbound", {
    data: { email: `erin-${stamp}@example.com`, name, text: `Hello from the e2e test ${stamp}`, externalId: `e2e-${stamp}` },
  });
  expect(delivered.ok()).toBe(true);

  // Live, without reloading, in every open inbox.
  for (const inbox of [alice, adam, vera]) {
    await expect(inbox.row(name)).toBeVisible();
    await expect(inbox.row(name)).toContainText("Unassigned");
  }
  await expect(adam.bell()).toHaveAccessibleName(/new\)/);

  // Alice replies first and becomes the owner; Adam and Vera see it live.
  await alice.row(name).click();
  await expect(alice.messages()).toContainText(`Hello from the e2e test ${stamp}`);
  await alice.reply("Hi Erin, Alice here. Looking into it.");
  await expect(alice.messages()).toContainText("Hi Erin, Alice here.");
  await expect(alice.messages().locator('[data-kind="status"]')).toContainText("Alice Agent took this conversation");
  await expect(alice.agentSelect()).toHaveValue(/[0-9a-f-]{36}/);
  await expect(adam.row(name)).toContainText("Alice Agent");
  await expect(vera.row(name)).toContainText("Alice Agent");

  // The viewer reads the thread but sees no status messages and has no controls.
  await vera.row(name).click();
  await expect(vera.messages()).toContainText("Hi Erin, Alice here.");
  await expect(vera.messages().locator('[data-kind="status"]')).toHaveCount(0);
  await expect(vera.page.getByTestId("read-only-note")).toBeVisible();
  await expect(vera.page.getByRole("button", { name: "Send" })).toHaveCount(0);
  await expect(vera.page.getByRole("button", { name: "Complete" })).toHaveCount(0);
  await expect(vera.page.getByLabel("Agent", { exact: true })).toHaveCount(0);
  await expect(vera.page.getByRole("button", { name: "New conversation" })).toHaveCount(0);
  await vera.page.screenshot({ path: testInfo.outputPath("inbox-viewer.png") });

  // Alice reassigns to Adam; Adam is notified live.
  await alice.agentSelect().selectOption({ label: "Adam Admin" });
  await expect(adam.row(name)).toContainText("Adam Admin");
  await adam.bell().click();
  await expect(adam.page.getByRole("list", { name: "Notification list" })).toContainText(`Assigned to you: #`);
  await expect(adam.page.getByRole("list", { name: "Notification list" }).getByRole("link").first()).toContainText(name);
  await adam.page.keyboard.press("Escape");
  await alice.page.screenshot({ path: testInfo.outputPath("inbox-agent.png") });

  // Alice completes it: it leaves Open for everyone.
  await alice.page.getByRole("button", { name: "Complete" }).click();
  await expect(alice.page.getByTestId("thread-status")).toHaveText("✓ Complete");
  for (const inbox of [alice, adam, vera]) await expect(inbox.row(name)).toHaveCount(0);
  await vera.page.getByRole("link", { name: "Complete", exact: true }).click();
  await expect(vera.row(name)).toBeVisible();
  await expect(vera.row(name)).toContainText("Unassigned");
});

test("a No-access user cannot reach the inbox", async ({ page }) => {
  await new AuthPages(page).signIn("nobody@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  await expect(page.getByText("You don't have access to Conversations")).toBeVisible();
  await expect(page.getByRole("list", { name: "Conversations" })).toHaveCount(0);
  const events = await page.request.get("/api/realtime/events?after=0");
  expect(events.status()).toBe(403);
});

test("a tab that loses its live connection says it is reconnecting, and stops once back", async ({ browser }) => {
  // The realtime socket goes through a switch: open, it reaches the server; off, the socket and
  // every redial are closed at once.
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  let online = true;
  let established = 0;
  const sockets: WebSocketRoute[] = [];
  await context.routeWebSocket(/\/app\//, (ws) => {
    if (!online) return void ws.close();
    const server = ws.connectToServer();
    // Forwarded by hand to see the handshake: only a tab that was connected is *re*connecting.
    server.onMessage((message) => {
      if (String(message).includes("pusher:connection_established")) established++;
      ws.send(message);
    });
    sockets.push(ws);
  });
  const page = await context.newPage();
  await new AuthPages(page).signIn("viewer@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  await new InboxPage(page).open();
  const indicator = page.getByRole("status").filter({ hasText: "Reconnecting…" });
  await expect.poll(() => established).toBeGreaterThan(0);
  await expect(indicator).toHaveCount(0);

  online = false;
  for (const ws of sockets.splice(0)) await ws.close();
  await expect(indicator).toBeVisible();
  online = true;
  // Back online: the provider redials at once instead of waiting out pusher-js's backoff.
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(indicator).toHaveCount(0);
  await context.close();
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { AuthPages } from "./pages/auth-pages";
import { InboxPage } from "./pages/inbox-page";
import { RolesPage } from "./pages/roles-page";

/** A customer's site carrying the account's widget: its own server, so another origin. */
async function shopSite(baseURL: string, widgetKey: string) {
  const server = createServer((_req, res) =>
    res
      .writeHead(200, { "content-type": "text/html" })
      .end(`<!doctype html><title>Tea shop</title><h1>Teas</h1><script src="${baseURL}/widget.js" data-key="${widgetKey}" async></script>`),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function visitorWrites(browser: Browser, siteUrl: string, text: string) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  const visitor = await context.newPage();
  await visitor.goto(siteUrl);
  await visitor.getByTestId("chat-launcher").click();
  const panel = visitor.getByTestId("chat-panel");
  await panel.getByLabel("Message", { exact: true }).fill(text);
  await panel.getByRole("button", { name: "Send" }).click();
  await expect(visitor.getByTestId("chat-messages")).toContainText(text);
  return visitor;
}

test("round-robin: two visitors, two available agents, one each; an @mention in a private note rings the mentioned agent's bell and never reaches the visitor", async ({ browser, baseURL }) => {
  // Two agents, two visitors and a sign-up in one story: longer than the default minute on a busy machine.
  test.setTimeout(240_000);
  const stamp = Date.now();
  const adaName = `Ada Rota ${stamp}`;
  const benName = `Ben Rota ${stamp}`;

  // A brand-new account: Ada signs up, starts the trial and makes herself an Agent.
  const adaContext = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const ada = await adaContext.newPage();
  await new AuthPages(ada).signUp({ name: adaName, accountName: `Rota ${stamp}`, email: `ada-${stamp}@example.com`, password: "round-robin-pass-1" });
  await expect(ada).toHaveURL(/\/inbox/);
  await ada.goto("/settings/conversations/start-trial");
  await ada.getByRole("button", { name: "Start Trial" }).click();
  await expect(ada).toHaveURL(/\/settings\/conversations\/seats/);
  const roles = new RolesPage(ada);
  await roles.open();
  await roles.setLevel(adaName, "Agent");
  await expect(roles.radio(adaName, "Agent")).toBeChecked();

  // She invites Ben, who joins; she makes him an Agent.
  await ada.goto("/settings/team");
  await ada.getByLabel("Email address").fill(`ben-${stamp}@example.com`);
  await ada.getByRole("button", { name: "Send invite" }).click();
  const link = (await ada.getByTestId("invite-link").textContent())!.trim();
  const benContext = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const ben = await benContext.newPage();
  await ben.goto(link);
  await ben.getByLabel("Your name").fill(benName);
  await ben.getByLabel("Password").fill("round-robin-pass-2");
  await ben.getByRole("button", { name: "Join" }).click();
  await expect(ben).toHaveURL(/\/inbox/);
  await roles.open();
  await roles.setLevel(benName, "Agent");
  await expect(roles.radio(benName, "Agent")).toBeChecked();

  // Round-robin on.
  await ada.goto("/settings/conversations/assignment");
  await ada.getByLabel("Round-robin").check();
  await ada.getByRole("button", { name: "Save" }).click();
  await expect(ada.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Both agents have the inbox open and are Available (the header's status).
  const adaInbox = new InboxPage(ada);
  const benInbox = new InboxPage(ben);
  await adaInbox.open();
  await benInbox.open();
  await expect(ada.getByLabel("Your status")).toHaveValue("available");
  await expect(ben.getByLabel("Your status")).toHaveValue("available");
  // Inbox presence reaches the server through the realtime server's webhook.
  await ada.waitForTimeout(1500);

  const widget = await ada.request.get("/api/test/widget-key");
  expect(widget.ok()).toBe(true);
  const { widgetKey } = await widget.json();
  const site = await shopSite(baseURL!, widgetKey);
  let server: Server | null = site.server;
  try {
    const first = await visitorWrites(browser, site.url, `Which green tea? (${stamp})`);
    const second = await visitorWrites(browser, site.url, `Is oolong in stock? (${stamp})`);

    // Each agent got one, assigned automatically, and was notified.
    for (const [page, inbox, name] of [[ada, adaInbox, adaName], [ben, benInbox, benName]] as const) {
      await page.goto("/inbox?a=mine");
      await expect(inbox.list().getByRole("link")).toHaveCount(1);
      await expect(inbox.list().getByRole("link").first()).toContainText(name);
      await inbox.bell().click();
      await expect(page.getByRole("dialog", { name: "Notifications" })).toContainText("Assigned to you");
      await inbox.bell().click();
    }
    await ada.goto("/inbox");
    await expect(adaInbox.list().getByRole("link")).toHaveCount(2);

    // Ada writes a private note mentioning Ben in her conversation.
    await ada.goto("/inbox?a=mine");
    await adaInbox.list().getByRole("link").first().click();
    await expect(adaInbox.messages()).toContainText(/Assigned automatically to/);
    await ada.getByRole("tab", { name: "Note" }).click();
    const note = ada.getByLabel("Note", { exact: true });
    await note.fill("@Ben");
    await ada.getByRole("option", { name: `@${benName}` }).click();
    await note.pressSequentially("can you check the stock?");
    await ada.getByRole("button", { name: "Add note" }).click();
    const noteItem = adaInbox.messages().locator('[data-kind="note"]');
    await expect(noteItem).toContainText(`@${benName} can you check the stock?`);
    await expect(noteItem).toContainText("Private note");

    // Ben's bell rings live; the notification opens the thread at the note.
    await ben.goto("/inbox");
    await expect(ben.getByTestId("bell-count")).toBeVisible();
    await benInbox.bell().click();
    const mention = ben.getByRole("dialog", { name: "Notifications" }).getByRole("link").filter({ hasText: "You were mentioned" });
    await expect(mention).toContainText(adaName);
    await mention.click();
    await expect(ben).toHaveURL(/[?&]m=\d+/);
    await expect(benInbox.messages().locator('[data-kind="note"]')).toBeInViewport();

    // Neither visitor ever sees it.
    for (const visitor of [first, second]) {
      await visitor.reload();
      await visitor.getByTestId("chat-launcher").click();
      await expect(visitor.getByTestId("chat-messages")).toContainText(stamp.toString());
      await expect(visitor.getByTestId("chat-messages")).not.toContainText("check the stock");
    }
  } finally {
    await new Promise((resolve) => server?.close(resolve));
    server = null;
  }
});

import { createServer, type Server } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { AuthPages } from "./pages/auth-pages";
import { InboxPage } from "./pages/inbox-page";
import { RolesPage } from "./pages/roles-page";
import { smsRequestSignature } from "../lib/channels/sms/request-signature";

// Issue 13 "Done when": a brand-new account (never the seed) connects every channel from
// Settings → Channels, and messages from each land in its inbox.

const SHOP_PORT = Number(process.env.E2E_SHOP_PORT ?? 4113);

function serveShop(html: () => string): Promise<Server> {
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html()));
  return new Promise((resolve) => server.listen(SHOP_PORT, "127.0.0.1", () => resolve(server)));
}

async function card(page: Page, title: string) {
  const section = page.getByRole("region", { name: title, exact: true });
  await expect(section).toBeVisible();
  return section;
}

test("a new account connects web chat, SMS, a bot key and email from Settings → Channels; off hides the widget, rotating stops the old snippet", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const name = `Cleo Channels ${stamp}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  page.on("dialog", (dialog) => dialog.accept());

  // Sign up, start the trial, make yourself an Agent.
  await new AuthPages(page).signUp({ name, accountName: `Channel Shop ${stamp}`, email: `cleo-${stamp}@example.com`, password: "channels-all-round-1" });
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto("/settings/conversations/start-trial");
  await page.getByRole("button", { name: "Start Trial" }).click();
  await expect(page).toHaveURL(/\/settings\/conversations\/seats/);
  const roles = new RolesPage(page);
  await roles.open();
  await roles.setLevel(name, "Agent");
  await expect(roles.radio(name, "Agent")).toBeChecked();

  // Settings → Channels: the snippet, copied from the page.
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Channels" }).click();
  await expect(page.getByRole("heading", { name: "Channels" })).toBeVisible();
  const chat = await card(page, "Web Chat");
  await expect(chat.getByTestId("channel-status")).toHaveText("On · no visitor has written yet");
  await chat.getByRole("button", { name: "Copy snippet" }).click();
  await expect(chat.getByRole("button", { name: "Copy snippet" })).toHaveText("Copied");
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toBe((await chat.getByTestId("widget-snippet").textContent())?.trim());
  expect(snippet).toMatch(/^<script src="http:\/\/localhost:\d+\/widget\.js" data-key="wk_[A-Za-z0-9_-]+" async><\/script>$/);
  expect(snippet).not.toContain("{app}");
  await page.screenshot({ path: testInfo.outputPath("channels-page.png"), fullPage: true });

  // A plain page on another origin holding exactly that snippet.
  let shopSnippet = snippet;
  const shop = await serveShop(() => `<!doctype html><title>Shop</title><h1>Our shop</h1>${shopSnippet}`);
  const shopUrl = `http://127.0.0.1:${SHOP_PORT}/`;
  try {
    const inbox = new InboxPage(page);
    await inbox.open();
    // The empty inbox's first-run checklist, ticked from real state: the widget exists, the owner is an Agent (made so by the trial), nobody invited yet.
    const checklist = page.getByRole("region", { name: "Get started" });
    await expect(checklist.getByRole("listitem").filter({ hasText: "Connect a channel" })).toHaveAttribute("data-done", "true");
    await expect(checklist.getByRole("listitem").filter({ hasText: "Invite your team" })).toHaveAttribute("data-done", "false");
    await expect(checklist.getByRole("listitem").filter({ hasText: "Make agents in Roles" })).toHaveAttribute("data-done", "true");
    await page.screenshot({ path: testInfo.outputPath("inbox-first-run.png") });
    const visitorContext = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const visitor = await visitorContext.newPage();
    await visitor.goto(shopUrl);
    await visitor.getByTestId("chat-launcher").click();
    const panel = visitor.getByTestId("chat-panel");
    await panel.getByLabel("Message", { exact: true }).fill(`Do you ship abroad? (${stamp})`);
    await panel.getByRole("button", { name: "Send" }).click();
    await expect(visitor.getByTestId("chat-messages")).toContainText(`Do you ship abroad? (${stamp})`);
    // Live in the agent's inbox, no reload.
    await expect(inbox.row(`Do you ship abroad? (${stamp})`)).toBeVisible();

    // SMS: add a number; a signed webhook lands in the inbox.
    await page.goto("/settings/channels");
    const sms = await card(page, "SMS");
    await expect(sms.getByTestId("channel-status")).toHaveText("Not set up");
    const number = `+1415${String(stamp).slice(-7)}`;
    await sms.getByLabel("Number (international format)").fill("not a number");
    await sms.getByRole("button", { name: "Add number" }).click();
    await expect(sms.getByRole("alert")).toContainText("international format");
    await sms.getByLabel("Number (international format)").fill(number);
    await sms.getByLabel("Label (optional)").fill("Front desk");
    await sms.getByRole("button", { name: "Add number" }).click();
    await expect(sms.getByRole("list", { name: "SMS numbers" })).toContainText(`${number} · Front desk`);
    await expect(sms.getByTestId("channel-status")).toHaveText("Connected · no text received yet");
    await expect(sms.getByLabel("Recent changes")).toContainText(`${name} · Added the number ${number} (Front desk).`);
    const smsUrl = (await sms.getByTestId("sms-webhook-url").textContent())!.trim();
    const smsToken = (await sms.getByTestId("sms-signing-token").textContent())!.trim();
    const smsParams = { MessageSid: `SM${stamp}`, From: "+14155550123", To: number, Body: `Is my order ready? (${stamp})` };
    const smsHook = await page.request.post(smsUrl, {
      form: smsParams,
      headers: { "x-twilio-signature": smsRequestSignature(smsUrl, smsParams, smsToken) },
    });
    expect(smsHook.status()).toBe(200);

    // Bot API key: shown once; a bot call posts into the SMS conversation.
    const bot = await card(page, "Bot API keys");
    await bot.getByLabel("Key name").fill("Order status bot");
    await bot.getByRole("button", { name: "Create key" }).click();
    const key = (await bot.getByTestId("new-bot-key").textContent())!.trim();
    expect(key).toMatch(/^cbk_/);
    await expect(bot.getByRole("list", { name: "Bot API keys" })).toContainText(`cbk_…${key.slice(-4)}`);
    await page.reload();
    await expect(page.getByTestId("new-bot-key")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(key);

    // Email: choose the inbound slug; mail to it lands in the inbox.
    const email = await card(page, "Email");
    const slug = `shop-${stamp}`;
    await email.getByLabel("Your inbound address").fill("x");
    await email.getByRole("button", { name: "Save address" }).click();
    await expect(email.getByRole("alert")).toContainText("at least 3");
    await email.getByLabel("Your inbound address").fill(slug);
    await email.getByRole("button", { name: "Save address" }).click();
    const address = (await email.getByTestId("email-inbound-address").textContent())!.trim();
    expect(address).toMatch(new RegExp(`^${slug}@`));
    const emailUrl = (await email.getByTestId("email-webhook-url").textContent())!.trim();
    const emailSecret = (await email.getByTestId("email-webhook-secret").textContent())!.trim();
    const mime = [
      `From: Erin Email <erin-${stamp}@example.com>`,
      `To: ${address}`,
      `Subject: Invoice question ${stamp}`,
      `Message-ID: <erin-${stamp}@example.com>`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      `Can I get a copy of my invoice? (${stamp})`,
      "",
    ].join("\r\n");
    const mailHook = await page.request.post(emailUrl, { data: mime, headers: { "content-type": "message/rfc822", "x-email-webhook-secret": emailSecret } });
    expect(mailHook.status()).toBe(201);
    await page.screenshot({ path: testInfo.outputPath("channels-connected.png"), fullPage: true });

    // All three in the new account's inbox; the bot answers in the SMS conversation.
    await inbox.open();
    await expect(inbox.row(`Can I get a copy of my invoice? (${stamp})`)).toBeVisible();
    await inbox.row(`Is my order ready? (${stamp})`).click();
    await expect(page).toHaveURL(/c=[0-9a-f-]{36}/);
    const conversationId = new URL(page.url()).searchParams.get("c")!;
    const botCall = await page.request.post("/api/bot/messages", {
      headers: { authorization: `Bearer ${key}` },
      data: { conversationId, channel: "sms", body: `Your order ships today (${stamp}).` },
    });
    expect(botCall.status()).toBe(201);
    await expect(inbox.messages()).toContainText(`Your order ships today (${stamp}).`);

    // Web Chat off: the widget disappears and its endpoints answer 404.
    const widgetKey = /data-key="([^"]+)"/.exec(snippet)![1];
    await page.goto("/settings/channels");
    await (await card(page, "Web Chat")).getByRole("button", { name: "Turn web chat off" }).click();
    await expect((await card(page, "Web Chat")).getByTestId("channel-status")).toHaveText("Off: the widget is hidden");
    await visitor.reload();
    await expect(visitor.getByRole("heading", { name: "Our shop" })).toBeVisible();
    await visitor.waitForLoadState("networkidle");
    await expect(visitor.getByTestId("chat-launcher")).toHaveCount(0);
    expect((await page.request.post("/api/widget/session", { data: { widgetKey } })).status()).toBe(404);

    // On again, then rotate: the old snippet stops working, the new one works.
    await (await card(page, "Web Chat")).getByRole("button", { name: "Turn web chat on" }).click();
    await expect((await card(page, "Web Chat")).getByRole("button", { name: "Turn web chat off" })).toBeVisible();
    await visitor.reload();
    await expect(visitor.getByTestId("chat-launcher")).toBeVisible();
    await (await card(page, "Web Chat")).getByRole("button", { name: "Rotate key" }).click();
    await expect((await card(page, "Web Chat")).getByTestId("widget-snippet")).not.toHaveText(snippet);
    const newSnippet = (await (await card(page, "Web Chat")).getByTestId("widget-snippet").textContent())!.trim();
    await expect((await card(page, "Web Chat")).getByLabel("Recent changes")).toContainText(`Rotated the widget key: the old key (…${widgetKey.slice(-4)}) stopped working.`);
    expect((await page.request.post("/api/widget/session", { data: { widgetKey } })).status()).toBe(404);
    await visitor.reload();
    await visitor.waitForLoadState("networkidle");
    await expect(visitor.getByTestId("chat-launcher")).toHaveCount(0);
    shopSnippet = newSnippet;
    await visitor.reload();
    await expect(visitor.getByTestId("chat-launcher")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("channels-rotated.png"), fullPage: true });
    await visitorContext.close();

    // The same pages on a phone; the empty-state checklist is gone once conversations exist.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/settings/channels");
    // The settings menu wraps on a phone: the page never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: testInfo.outputPath("channels-phone.png"), fullPage: true });
    await page.goto("/settings/team");
    await page.getByLabel("New group name").fill("Billing");
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByRole("listitem", { name: "Group Billing" })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("team-groups-phone.png"), fullPage: true });
  } finally {
    shop.close();
    await context.close();
  }
});

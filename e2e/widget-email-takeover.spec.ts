import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { signUpAgent } from "./pages/new-account";

// Issue 12, item 1: a visitor types a stranger's address; mail from that address arrives; the widget never shows it.
test("widget: a visitor who captures a stranger's address never sees the stranger's mail", async ({ browser, baseURL }, testInfo) => {
  const stamp = Date.now();
  const stranger = `stranger-${stamp}@example.com`;
  const agentContext = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await agentContext.newPage();
  await signUpAgent(page, stamp, "Sam Safe");
  const { widgetKey } = await (await page.request.get("/api/test/widget-key")).json();
  const inbox = new InboxPage(page);
  await inbox.open();

  const site = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>Shop</title><h1>Shop</h1><script src="${baseURL}/widget.js" data-key="${widgetKey}" async></script>`),
  );
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  const visitorContext = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(siteUrl);
  await visitor.getByTestId("chat-launcher").click();
  const panel = visitor.getByTestId("chat-panel");
  await panel.getByLabel("Message", { exact: true }).fill(`Hello from the attacker (${stamp})`);
  await panel.getByRole("button", { name: "Send" }).click();
  await expect(visitor.getByTestId("chat-messages")).toContainText(`Hello from the attacker (${stamp})`);

  // The visitor types someone else's address: it stays unconfirmed, a confirmation link goes there.
  await visitor.getByLabel(/Leave your email/).fill(stranger);
  await visitor.getByRole("button", { name: "Save email" }).click();
  await expect(visitor.getByTestId("chat-email-form")).toContainText("Open the link we sent there");

  // The agent answers the chat by email (allowed: an offline reply to the typed address).
  await inbox.row(`Hello from the attacker (${stamp})`).click();
  await page.getByLabel("Channel").selectOption("email");
  await inbox.reply(`We will email you (${stamp}).`);
  await expect(inbox.messages()).toContainText(`We will email you (${stamp}).`);

  // The stranger receives it and answers, the way a mail client would: to its Reply-To, In-Reply-To its Message-ID.
  let mails: { subject: string; from: string; replyTo: string | null; messageId: string }[] = [];
  await expect
    .poll(async () => {
      mails = (await (await page.request.get(`/api/test/local-mail?to=${encodeURIComponent(stranger)}`)).json()).mails;
      return mails.map((m) => (m.subject.startsWith("Confirm your email address") ? "confirm" : "reply")).sort();
    })
    .toEqual(["confirm", "reply"]);
  const answered = mails.find((m) => !m.subject.startsWith("Confirm"))!;
  const secret = process.env.E2E_EMAIL_WEBHOOK_SECRET ?? "e2e-email-webhook-secret";
  const raw = [
    `From: Real Owner <${stranger}>`,
    `To: ${answered.replyTo ?? answered.from}`,
    `Subject: Re: ${answered.subject}`,
    `Message-ID: <private-${stamp}@example.com>`,
    `In-Reply-To: ${answered.messageId}`,
    `References: ${answered.messageId}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Who is this? My account number is 99-${stamp}.`,
    "",
  ].join("\r\n");
  const delivered = await page.request.post("/api/webhooks/email", { headers: { "content-type": "message/rfc822", "x-email-webhook-secret": secret }, data: raw });
  expect(delivered.status()).toBe(201);

  // It arrives in the inbox as the stranger's own conversation…
  await expect(inbox.row(`Who is this? My account number is 99-${stamp}.`)).toBeVisible();
  await expect(inbox.list().getByRole("link")).toHaveCount(2);

  // …and the visitor's widget, live or reloaded, never shows it (nor the email the agent sent).
  await visitor.waitForTimeout(1500);
  await expect(visitor.getByTestId("chat-messages")).not.toContainText(`99-${stamp}`);
  await visitor.reload();
  await visitor.getByTestId("chat-launcher").click();
  await expect(visitor.getByTestId("chat-messages")).toContainText(`Hello from the attacker (${stamp})`);
  await expect(visitor.getByTestId("chat-messages")).not.toContainText(`99-${stamp}`);
  await expect(visitor.getByTestId("chat-messages")).not.toContainText(`We will email you (${stamp}).`);
  await visitor.screenshot({ path: testInfo.outputPath("widget-after-stranger-mail.png") });

  site.close();
  await agentContext.close();
  await visitorContext.close();
});

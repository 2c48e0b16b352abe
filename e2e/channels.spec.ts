import { expect, test } from "@playwright/test";
import { AuthPages, DEMO_PASSWORD } from "./pages/auth-pages";
import { InboxPage } from "./pages/inbox-page";

// A visitor on the demo page chats with Adam (an admin with agent access) in the inbox.
test("web chat: live both ways, presence dot, email answer with transcript while away, chat only on return", async ({ browser }, testInfo) => {
  const stamp = Date.now();
  const first = `Hi from the visitor ${stamp}`;

  const visitorContext = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  let visitor = await visitorContext.newPage();
  await visitor.goto("/demo");
  await visitor.getByTestId("chat-launcher").click();
  const panel = visitor.getByTestId("chat-panel");
  await expect(panel).toBeVisible();
  await panel.getByLabel("Message", { exact: true }).fill(first);
  await panel.getByRole("button", { name: "Send" }).click();
  await expect(visitor.getByTestId("chat-messages")).toContainText(first);

  const agentContext = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const agentPage = await agentContext.newPage();
  await new AuthPages(agentPage).signIn("admin@demo.test", DEMO_PASSWORD);
  await expect(agentPage).toHaveURL(/\/inbox/);
  const inbox = new InboxPage(agentPage);
  await inbox.open();
  const row = inbox.row(first);
  await expect(row).toBeVisible();
  await expect(row.getByLabel("Visitor online")).toBeVisible();
  await row.click();
  await expect(inbox.messages()).toContainText(first);
  await expect(agentPage.getByLabel("Channel")).toHaveValue("chat");
  await agentPage.screenshot({ path: testInfo.outputPath("inbox-visitor-online.png") });

  // Live both ways.
  await inbox.reply(`Hello! Adam here (${stamp}).`);
  await expect(visitor.getByTestId("chat-messages")).toContainText(`Adam here (${stamp})`);
  // The send is finished (the composer clears on its answer) before the next one is typed.
  await expect(agentPage.getByLabel("Message", { exact: true })).toHaveValue("");
  await panel.getByLabel("Message", { exact: true }).fill("Can you email me the details?");
  await panel.getByRole("button", { name: "Send" }).click();
  await expect(inbox.messages()).toContainText("Can you email me the details?");

  // Email capture.
  await visitor.getByLabel(/Leave your email/).fill(`visitor-${stamp}@example.com`);
  await visitor.getByRole("button", { name: "Save email" }).click();
  await expect(visitor.getByTestId("chat-email-form")).toContainText("Thanks!");
  await visitor.screenshot({ path: testInfo.outputPath("demo-widget.png") });

  // The visitor leaves: the green dot goes, the composer switches to Email, the answer goes by email.
  await visitor.close();
  await expect(row.getByLabel("Visitor online")).toHaveCount(0, { timeout: 20_000 });
  await expect(agentPage.getByLabel("Channel")).toHaveValue("email");
  const answer = `Here are the details by email (${stamp}).`;
  await inbox.reply(answer);
  await expect(inbox.messages()).toContainText(answer);

  await agentPage.goto("/settings/outbox");
  const mail = agentPage.getByTestId("mail-outbox").getByRole("listitem").filter({ hasText: answer });
  await expect(mail).toContainText(`visitor-${stamp}@example.com`);
  await expect(mail).toContainText("Chat transcript");
  await expect(mail).toContainText(first);

  // The visitor returns on the same device: same conversation; the widget shows only what was said
  // in the chat, never the email answer (whoever holds the widget has not proven they own the address).
  visitor = await visitorContext.newPage();
  await visitor.goto("/demo");
  await visitor.getByTestId("chat-launcher").click();
  await expect(visitor.getByTestId("chat-messages")).toContainText(first);
  await expect(visitor.getByTestId("chat-messages")).not.toContainText(answer);
  await visitor.screenshot({ path: testInfo.outputPath("demo-widget-return.png") });

  await agentContext.close();
  await visitorContext.close();
});

import { expect, test } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { openVisitor, signUpAgent } from "./pages/new-account";

test("composer: Enter sends, Shift+Enter is a new line, the swap setting sticks, fast replies are never lost, a draft survives reload and an incoming message", async ({
  browser,
  baseURL,
}, testInfo) => {
  const stamp = Date.now();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signUpAgent(page, stamp);
  const inbox = new InboxPage(page);
  await inbox.open();
  const shop = await openVisitor(browser, page, baseURL!);
  await shop.send(`Where is my order? (${stamp})`);
  await inbox.list().getByRole("link").first().click();
  await expect(inbox.messages()).toContainText(`Where is my order? (${stamp})`);

  const message = page.getByLabel("Message", { exact: true });
  await expect(page.getByText("Enter to send · Shift+Enter for a new line")).toBeVisible();
  await message.click();
  await page.keyboard.type("First line");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("Second line");
  await expect(message).toHaveValue("First line\nSecond line");
  await expect(inbox.messages()).not.toContainText("First line");
  await page.keyboard.press("Enter");
  await expect(inbox.messages().locator('[data-sender="agent"]').last()).toContainText("First line\nSecond line");
  await expect(message).toHaveValue("");

  // Fast typing: each reply is typed and sent without waiting; text typed while one is in flight stays.
  for (let i = 1; i <= 6; i++) {
    await message.pressSequentially(`Fast reply ${i}`);
    await expect(page.getByRole("button", { name: "Send", exact: true })).toBeEnabled();
    await message.press("Enter");
  }
  for (let i = 1; i <= 6; i++) await expect(inbox.messages()).toContainText(`Fast reply ${i}`);
  await expect(page.getByText("Write a message first.")).toHaveCount(0);
  await expect(message).toHaveValue("");

  // Text typed right after Send stays in the field.
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeEnabled();
  await message.fill("Sent now");
  await message.press("Enter");
  await message.pressSequentially("typed while sending");
  await expect(inbox.messages()).toContainText("Sent now");
  await expect(message).toHaveValue("typed while sending");
  await message.fill("");

  // The swap: Enter is a new line, Ctrl+Enter sends; the choice survives a reload.
  await page.getByRole("checkbox", { name: "Enter sends" }).uncheck();
  await message.fill("Swapped");
  await message.press("Enter");
  await message.pressSequentially("mode");
  await expect(message).toHaveValue("Swapped\nmode");
  await message.press("Control+Enter");
  await expect(inbox.messages()).toContainText("Swapped\nmode");
  await page.reload();
  await expect(page.getByText(/\+Enter to send · Enter for a new line/)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Enter sends" })).not.toBeChecked();
  await page.getByRole("checkbox", { name: "Enter sends" }).check();

  // A draft survives a reload and an incoming message.
  await message.fill("A careful answer in progress");
  await page.reload();
  await expect(message).toHaveValue("A careful answer in progress");
  await shop.send(`Are you there? (${stamp})`);
  await expect(inbox.messages()).toContainText(`Are you there? (${stamp})`);
  await expect(message).toHaveValue("A careful answer in progress");
  await page.screenshot({ path: testInfo.outputPath("composer-draft.png") });
  await message.press("Enter");
  await expect(inbox.messages()).toContainText("A careful answer in progress");
  await page.reload();
  await expect(message).toHaveValue("");
  await shop.close();
});

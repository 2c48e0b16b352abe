import { expect, test, type Page } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { signUpAgent } from "./pages/new-account";

const fixture = async (page: Page, data: object) => {
  const response = await page.request.post("/api/test/delivery-fixture", { data });
  expect(response.status()).toBe(200);
  return (await response.json()) as { contactId: string | null };
};

test("delivery: a started email conversation reaches the outbox; a refused text shows Not delivered live, and Retry sends it", async ({ browser }, testInfo) => {
  const stamp = Date.now();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signUpAgent(page, stamp, "Dee Livery");
  const phone = `+1415${String(stamp).slice(-7)}`;
  await fixture(page, { contact: { name: `Nora New ${stamp}`, email: `nora-${stamp}@example.com`, phone }, smsNumber: `+1628${String(stamp).slice(-7)}` });

  // Start a conversation by email with the new contact: its first message is delivered.
  const inbox = new InboxPage(page);
  await inbox.open();
  await page.getByRole("button", { name: "New conversation" }).click();
  const dialog = page.getByRole("dialog", { name: "New conversation" });
  await dialog.getByLabel("Search contacts").fill(`Nora New ${stamp}`);
  await dialog.getByRole("button", { name: new RegExp(`Nora New ${stamp}`) }).click();
  await dialog.getByLabel("Channel").selectOption({ label: "Email" });
  const first = `Your parcel ${stamp} is on its way`;
  await dialog.getByLabel("Message").fill(first);
  await dialog.getByRole("button", { name: "Start conversation" }).click();
  const sentEmail = inbox.messages().getByRole("listitem").filter({ hasText: first });
  await expect(sentEmail.locator("[data-delivery]")).toHaveAttribute("data-delivery", "sent");
  const conversationUrl = page.url();

  await page.goto("/settings/outbox");
  await expect(page.getByTestId("mail-outbox").getByRole("listitem").filter({ hasText: first })).toContainText(`nora-${stamp}@example.com`);

  // The local SMS provider refuses texts: the reply shows "Not delivered" live, with the reason.
  await fixture(page, { smsRefusal: "The 'To' number is not a valid phone number." });
  await page.goto(conversationUrl);
  // Pick SMS once the page is interactive: a pick made before hydration is reset to the default channel.
  await page.waitForLoadState("networkidle");
  const channel = page.getByRole("form", { name: "Reply" }).getByLabel("Channel");
  await expect(async () => {
    await channel.selectOption({ label: "SMS" });
    await expect(channel).toHaveValue("sms", { timeout: 1_000 });
  }).toPass();
  const text = `Text ${stamp}: ring the bell`;
  await inbox.reply(text);
  const sms = inbox.messages().getByRole("listitem").filter({ hasText: text });
  await expect(sms.locator("[data-delivery]")).toHaveAttribute("data-delivery", "failed");
  await expect(sms).toContainText("Not delivered — The SMS provider refused the text: The 'To' number is not a valid phone number.");
  await expect(inbox.list().getByRole("link").filter({ hasText: `Nora New ${stamp}` }).locator("[data-undelivered]")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("not-delivered.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("not-delivered-mobile.png") });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Fixed: Retry sends it once.
  await fixture(page, { smsRefusal: null });
  await sms.getByRole("button", { name: "Retry" }).click();
  await expect(sms.locator("[data-delivery]")).toHaveAttribute("data-delivery", "sent");
  await expect(inbox.list().getByRole("link").filter({ hasText: `Nora New ${stamp}` }).locator("[data-undelivered]")).toHaveCount(0);
  await page.goto("/settings/outbox");
  await expect(page.getByTestId("failed-deliveries").getByRole("listitem")).toHaveCount(0);
  await expect(page.getByText(text)).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("outbox.png"), fullPage: true });
  await context.close();
});

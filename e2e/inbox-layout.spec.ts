import { expect, test, type Page } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { signUpAgent, visitorsWrite } from "./pages/new-account";

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test("layout: the list scrolls inside its pane (the window never scrolls); phones get a stack list → thread → contact; tablets a contact drawer", async ({
  browser,
}, testInfo) => {
  const stamp = Date.now();
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await desktop.newPage();
  await signUpAgent(page, stamp);
  await visitorsWrite(page, 14, (i) => `Question number ${i} (${stamp})`);
  const inbox = new InboxPage(page);
  await inbox.open();
  await expect(inbox.list().getByRole("link")).toHaveCount(14);

  // Wheel-scroll the list to its end: the list scrolls, the window does not.
  const scroller = page.getByTestId("conversation-scroller");
  const box = (await scroller.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 600);
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1)).toBe(true);
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(800);

  await inbox.row(`Question number 3 (${stamp})`).click();
  await expect(inbox.messages()).toContainText(`Question number 3 (${stamp})`);
  await expect(page.getByRole("complementary", { name: "Details" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Contact", exact: true })).toBeHidden();
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 600);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.screenshot({ path: testInfo.outputPath("inbox-1280x800.png") });

  // Phone, 390×844: the list alone, then the thread with a back link, then the contact as a slide-over.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await desktop.storageState() });
  const mobile = await phone.newPage();
  const small = new InboxPage(mobile);
  await small.open();
  expect(await pageWidth(mobile)).toBeLessThanOrEqual(390);
  await mobile.screenshot({ path: testInfo.outputPath("inbox-390x844-list.png") });
  await small.row(`Question number 5 (${stamp})`).click();
  await expect(small.messages()).toContainText(`Question number 5 (${stamp})`);
  await expect(small.list()).toBeHidden();
  expect(await pageWidth(mobile)).toBeLessThanOrEqual(390);
  await mobile.screenshot({ path: testInfo.outputPath("inbox-390x844-thread.png") });
  const details = mobile.getByRole("complementary", { name: "Details" });
  await expect(details).toBeHidden();
  await mobile.getByRole("button", { name: "Contact", exact: true }).click();
  await expect(details).toBeVisible();
  expect(await pageWidth(mobile)).toBeLessThanOrEqual(390);
  await mobile.screenshot({ path: testInfo.outputPath("inbox-390x844-contact.png") });
  await mobile.keyboard.press("Escape");
  await expect(details).toBeHidden();
  await mobile.getByRole("link", { name: "Back to conversations" }).click();
  await expect(small.list()).toBeVisible();

  // 360 px: still no sideways scrolling on the thread.
  await mobile.setViewportSize({ width: 360, height: 740 });
  await small.row(`Question number 5 (${stamp})`).click();
  await expect(small.messages()).toBeVisible();
  expect(await pageWidth(mobile)).toBeLessThanOrEqual(360);

  // Tablet, 900 px: list and thread side by side; the contact is a drawer behind a toggle.
  await mobile.setViewportSize({ width: 900, height: 800 });
  await expect(small.list()).toBeVisible();
  await expect(details).toBeHidden();
  await mobile.getByRole("button", { name: "Contact", exact: true }).click();
  await expect(details).toBeVisible();
  await details.getByRole("button", { name: "Close details" }).click();
  await expect(details).toBeHidden();
  expect(await pageWidth(mobile)).toBeLessThanOrEqual(900);
});

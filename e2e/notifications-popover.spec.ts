import { expect, test } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { signUpAgent, visitorsWrite } from "./pages/new-account";

test("notifications: the badge shows the true count; the popover closes on Escape, a click outside and navigation; the one-time alerts prompt", async ({ browser }) => {
  const stamp = Date.now();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signUpAgent(page, stamp);
  const inbox = new InboxPage(page);
  await inbox.open();
  await visitorsWrite(page, 3, (i) => `Bell question ${i} (${stamp})`);
  await expect(page.getByTestId("bell-count")).toHaveText("3");

  const popover = page.getByRole("dialog", { name: "Notifications" });
  await inbox.bell().click();
  await expect(popover).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(popover).toBeHidden();
  await expect(inbox.bell()).toBeFocused();

  await inbox.bell().click();
  await expect(popover).toBeVisible();
  await page.getByText("Pick a conversation").click();
  await expect(popover).toBeHidden();

  await page.goto("/inbox?status=complete");
  await inbox.bell().click();
  await expect(popover).toBeVisible();
  await page.getByRole("link", { name: "Open", exact: true }).click();
  await expect(page).toHaveURL(/status=open/);
  await expect(popover).toBeHidden();

  // The user menu closes on Escape and on a click outside too.
  const signOut = page.getByRole("button", { name: "Sign out" });
  await page.getByLabel("User menu").click();
  await expect(signOut).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(signOut).toBeHidden();
  await page.getByLabel("User menu").click();
  await expect(signOut).toBeVisible();
  await page.getByText("Pick a conversation").click();
  await expect(signOut).toBeHidden();

  // The one-time prompt performs the click browsers require for sound.
  const prompt = page.getByRole("button", { name: "Enable sound and desktop alerts" });
  await expect(prompt).toBeVisible();
  await prompt.click();
  await expect(prompt).toBeHidden();
  await page.reload();
  await expect(inbox.bell()).toBeVisible();
  await expect(prompt).toHaveCount(0);
});

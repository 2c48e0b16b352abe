import { expect, test } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { signUpAgent, visitorsWrite } from "./pages/new-account";

test("keyboard: ? lists the shortcuts; j/k move; r/t// focus; a assigns with type-ahead; Ctrl+K jumps by number; e completes; none fire while typing", async ({ browser }, testInfo) => {
  const stamp = Date.now();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const me = await signUpAgent(page, stamp);
  await visitorsWrite(page, 3, (i) => `Keyboard question ${i} (${stamp})`);
  const inbox = new InboxPage(page);
  await inbox.open();
  await expect(inbox.list().getByRole("link")).toHaveCount(3);
  const current = () => inbox.list().locator('a[aria-current="true"]');
  const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // ? shows every shortcut; Escape closes it.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Next conversation");
  await expect(help).toContainText("Command palette");
  await page.screenshot({ path: testInfo.outputPath("shortcuts-help.png") });
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // j opens the first, j the next, k goes back.
  const links = inbox.list().getByRole("link");
  await page.keyboard.press("j");
  await expect(current()).toHaveAttribute("data-conversation-id", (await links.nth(0).getAttribute("data-conversation-id"))!);
  await page.keyboard.press("j");
  await expect(current()).toHaveAttribute("data-conversation-id", (await links.nth(1).getAttribute("data-conversation-id"))!);
  await page.keyboard.press("k");
  await expect(current()).toHaveAttribute("data-conversation-id", (await links.nth(0).getAttribute("data-conversation-id"))!);
  const first = await current().getAttribute("data-conversation-id");

  // r focuses the reply; typing j there types, it does not move.
  await page.keyboard.press("r");
  const message = page.getByLabel("Message", { exact: true });
  await expect(message).toBeFocused();
  await page.keyboard.type("jk");
  await expect(message).toHaveValue("jk");
  await expect(current()).toHaveAttribute("data-conversation-id", first!);
  await message.fill("");
  await blur();

  // t → tag field, / → search.
  await page.keyboard.press("t");
  await expect(page.getByLabel("New tag")).toBeFocused();
  await blur();
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search conversations")).toBeFocused();
  await blur();

  // a opens the Agent picker; type-ahead picks me.
  await page.keyboard.press("a");
  const assign = page.getByRole("dialog", { name: "Assign to an agent" });
  await expect(assign).toBeVisible();
  await page.keyboard.type(me.slice(0, 6));
  await page.keyboard.press("Enter");
  await expect(assign).toBeHidden();
  await expect(inbox.agentSelect()).toHaveValue(/[0-9a-f-]{36}/);
  await expect(current()).toContainText(me);

  // # opens the saved-responses picker (a new account has none yet: it says what to do); Esc closes.
  await page.keyboard.press("#");
  const saved = page.getByRole("dialog", { name: "Saved responses" });
  await expect(saved).toContainText("No saved responses yet");
  await page.keyboard.press("Escape");
  await expect(saved).toBeHidden();

  // Ctrl+K: jump to a conversation by its number.
  const third = await links.nth(2).getAttribute("data-conversation");
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await page.keyboard.type(`#${third}`);
  await page.screenshot({ path: testInfo.outputPath("command-palette.png") });
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
  await expect(current()).toHaveAttribute("data-conversation", third!);

  // e completes the open conversation.
  await page.keyboard.press("e");
  await expect(page.getByTestId("thread-status")).toHaveText("✓ Complete");
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { openVisitor, signUpAgent } from "./pages/new-account";
import { RolesPage } from "./pages/roles-page";

async function seriousViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]);
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

test("accessibility: axe finds no serious or critical violations on the inbox, the composer, the widget and Roles; the launcher's name is its visible text", async ({
  browser,
  baseURL,
}) => {
  const stamp = Date.now();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signUpAgent(page, stamp);
  const inbox = new InboxPage(page);
  await inbox.open();
  const shop = await openVisitor(browser, page, baseURL!);
  await shop.send(`Is this accessible? (${stamp})`);

  // The widget, open, on the customer's page.
  const launcher = shop.visitor.getByTestId("chat-launcher");
  await expect(launcher).toHaveAccessibleName((await launcher.innerText()).trim());
  expect(await seriousViolations(shop.visitor, "#conversations-widget")).toEqual([]);

  // The inbox with a thread and its composer open.
  await inbox.list().getByRole("link").first().click();
  await expect(inbox.messages()).toContainText(`Is this accessible? (${stamp})`);
  await page.getByLabel("Message", { exact: true }).fill("A draft");
  expect(await seriousViolations(page)).toEqual([]);
  expect(await seriousViolations(page, 'form[aria-label="Reply"]')).toEqual([]);

  // Roles.
  const roles = new RolesPage(page);
  await roles.open();
  await expect(page.getByRole("radiogroup").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shop.close();
});

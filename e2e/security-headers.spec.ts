import { expect, test } from "@playwright/test";
import { AuthPages } from "./pages/auth-pages";
import { InboxPage } from "./pages/inbox-page";
import { RolesPage } from "./pages/roles-page";

// Issue 12 (should-fix): security headers, and the dashboard still works under its CSP.
test("security headers: the dashboard runs under a nonce CSP and cannot be framed; the widget's demo page can", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|connect)/i.test(m.text())) violations.push(m.text());
  });
  const stamp = Date.now();
  const name = `Hedy Headers ${stamp}`;
  await new AuthPages(page).signUp({ name, accountName: `Headers Co ${stamp}`, email: `hedy-${stamp}@example.com`, password: "headers-and-nonces-1" });
  await expect(page).toHaveURL(/\/inbox/);
  // Forms (server actions) and client navigation under the policy: start the trial, become an Agent.
  await page.goto("/settings/conversations/start-trial");
  await page.getByRole("button", { name: "Start Trial" }).click();
  await expect(page).toHaveURL(/\/settings\/conversations\/seats/);
  const roles = new RolesPage(page);
  await roles.open();
  await roles.setLevel(name, "Agent");
  await expect(roles.radio(name, "Agent")).toBeChecked();
  const inbox = new InboxPage(page);
  const response = await page.goto("/inbox");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  await expect(page.getByRole("complementary", { name: "Inbox" })).toBeVisible();
  // Client-side navigation and the realtime connection work under the policy.
  await page.getByRole("link", { name: "Settings" }).first().click();
  await expect(page).toHaveURL(/\/settings/);
  await inbox.open();
  await expect(page.getByRole("complementary", { name: "Inbox" })).toBeVisible();
  await page.waitForTimeout(1000);
  expect(violations).toEqual([]);

  const demo = await request.get("/demo");
  expect(demo.headers()["content-security-policy"] ?? "").not.toContain("frame-ancestors");
  expect(demo.headers()["x-content-type-options"]).toBe("nosniff");
  const widget = await request.get("/widget.js");
  expect(widget.headers()["content-type"]).toMatch(/javascript/);
  expect(widget.headers()["x-content-type-options"]).toBe("nosniff");
});

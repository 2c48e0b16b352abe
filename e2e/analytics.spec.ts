import { expect, test } from "@playwright/test";
import { AuthPages, DEMO_PASSWORD } from "./pages/auth-pages";

// Reads the demo account's seeded inbox (conversations from the last hours), so the default
// period ("Last 7 days") has figures to chart.

test("an admin sees the team's figures as charts and tables from the seed data, and exports them", async ({ page }) => {
  await new AuthPages(page).signIn("owner@demo.test", DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(/\/analytics/);
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();

  const received = page.getByTestId("kpi").filter({ has: page.getByText("Received", { exact: true }) });
  await expect(received).toBeVisible();
  expect(Number(await received.locator("p").nth(1).textContent())).toBeGreaterThan(0);

  for (const chart of ["chart-daily-volume", "chart-volume-by-hour", "chart-response-by-agent", "chart-response-by-channel"]) {
    await expect(page.getByTestId(chart).locator("svg.recharts-surface").first()).toBeVisible();
  }
  // The hour-of-day chart draws bars for the seeded conversations.
  await expect(page.getByTestId("chart-volume-by-hour").locator("path.recharts-rectangle").first()).toBeVisible();

  const perAgent = page.getByRole("table").first();
  await expect(perAgent.getByRole("rowheader", { name: "Alice Agent" })).toBeVisible();
  await expect(page.getByRole("table").nth(1).getByRole("rowheader", { name: "Email" })).toBeVisible();
  await expect(page.getByText("How is this measured?")).toBeVisible();
  await page.screenshot({ path: "test-results/analytics-admin.png", fullPage: true });

  const href = await page.getByRole("link", { name: "Export CSV" }).first().getAttribute("href");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toMatch(/^Agent,Conversations received,/);
  expect(text).toContain("Alice Agent");

  // Bad filters get a clear message.
  await page.goto("/analytics?period=custom&from=2020-01-31&to=2020-01-01");
  await expect(page.getByText("The last day is before the first day.")).toBeVisible();
});

test("an agent sees only their own figures; a viewer sees no analytics", async ({ page, browser }) => {
  await new AuthPages(page).signIn("agent@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto("/analytics");
  await expect(page.getByText("your own figures")).toBeVisible();
  await expect(page.getByLabel("Agent")).toHaveCount(0);
  const rows = page.getByRole("table").first().getByRole("rowheader");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveText("Alice Agent");

  const viewerPage = await browser.newPage();
  await new AuthPages(viewerPage).signIn("viewer@demo.test", DEMO_PASSWORD);
  await expect(viewerPage).toHaveURL(/\/inbox/);
  await expect(viewerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" })).toHaveCount(0);
  await viewerPage.goto("/analytics");
  await expect(viewerPage.getByText("Analytics is for Agents and admins")).toBeVisible();
  const csv = await viewerPage.request.get("/analytics/export?table=agents");
  expect(csv.status()).toBe(403);
});

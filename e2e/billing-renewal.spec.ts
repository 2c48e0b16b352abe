import { expect, test, type Page } from "@playwright/test";
import { AuthPages } from "./pages/auth-pages";
import { SeatsPage } from "./pages/seats-page";

// A brand-new account on the local provider: removed seats stay paid through the period, then a
// declined renewal → past due → read-only after the grace period → card fixed and paid → writable.
// The billing clock is moved with the E2E-only hook /api/test/billing-clock (404 without E2E_TEST_HOOKS=1).

async function changeSeats(page: Page, seats: SeatsPage, steps: number) {
  await seats.moveSliderBy(steps);
  await page.getByRole("button", { name: "Update" }).click();
  await expect(seats.dialog()).toBeVisible();
}

async function moveClock(page: Page, action: "end_period" | "end_grace") {
  const response = await page.request.post("/api/test/billing-clock", { data: { action } });
  expect(response.status(), await response.text()).toBe(200);
}

async function setTestCard(page: Page, declines: boolean) {
  const box = page.getByTestId("test-mode-box");
  await box.getByLabel("Decline every charge to this card").setChecked(declines);
  await box.getByRole("button", { name: "Save test card" }).click();
  await expect(box.getByText(declines ? "now declines" : "now accepts")).toBeVisible();
}

test("buy 3, remove 1, add 1 back for $0.00; declined renewal → past due → read-only → pay → writable", async ({ page }, testInfo) => {
  // Many steps, and the owner (an Agent after the first purchase) loads the full inbox: 60 s is too tight on a busy machine.
  test.setTimeout(150_000);
  const stamp = Date.now();
  await new AuthPages(page).signUp({ name: "Bill Buyer", accountName: `Billing ${stamp}`, email: `bill-${stamp}@example.com`, password: "bill-password-1" });
  await expect(page).toHaveURL(/\/inbox|\/settings/);

  const seats = new SeatsPage(page);
  await page.goto("/settings/conversations/start-trial");
  // The included seat is on the trial page too, before anything is bought.
  await expect(page.getByText("Your plan also includes 1 free Agent seat")).toBeVisible();
  await page.getByRole("link", { name: "Buy now" }).click();
  await expect(page).toHaveURL(/\/settings\/conversations\/seats/);
  await expect(seats.slider()).toBeVisible();
  // Every account gets INCLUDED_FREE_SEATS (default 1): capacity, never charged; it does not skip the trial.
  await expect(page.getByTestId("seats-included")).toHaveText("1");
  await expect(page.getByTestId("seats-used")).toHaveText("0 of 1");

  // Buy 3: charged for the 3 bought, not the included one.
  await seats.slider().focus();
  await page.keyboard.press("Home");
  await changeSeats(page, seats, 2);
  const dialog = seats.dialog();
  await expect(dialog.getByTestId("new-total")).toHaveText("$45.00");
  await expect(dialog.getByTestId("charged-now")).toHaveText("$45.00");
  await dialog.getByRole("button", { name: "Confirm seat purchase" }).click();
  await expect(dialog.getByText("You now have 3 purchased seats.")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("seats-purchased")).toHaveText("3");
  // The first purchase, without a trial, made the owner (who had no level) an Agent.
  await expect(page.getByTestId("seats-used")).toHaveText("1 of 4");
  await page.goto("/settings/conversations/roles");
  await expect(page.getByRole("radiogroup", { name: "Access level for Bill Buyer" }).getByRole("radio", { name: "Agent", exact: true })).toBeChecked();
  await seats.open();

  // Remove 1: no charge.
  await changeSeats(page, seats, -1);
  await expect(dialog.getByTestId("charged-now")).toHaveText("$0.00");
  await dialog.getByRole("button", { name: "Confirm seat removal" }).click();
  await expect(dialog.getByText("You now have 2 purchased seats.")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("seats-purchased")).toHaveText("2");

  // Add 1 back in the same period: already paid for.
  await changeSeats(page, seats, 1);
  await expect(dialog.getByTestId("charged-now")).toHaveText("$0.00");
  await dialog.getByRole("button", { name: "Confirm seat purchase" }).click();
  await expect(dialog.getByText("You now have 3 purchased seats.")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  const history = page.getByRole("table", { name: "Invoice history" });
  await expect(history.getByRole("row")).toHaveCount(2); // header + the first purchase only
  await page.screenshot({ path: testInfo.outputPath("seats-after-readd.png") });

  // The renewal is declined: past due, banner for the admin, inbox still writable during the grace period.
  await setTestCard(page, true);
  await moveClock(page, "end_period");
  await page.reload();
  const banner = page.getByTestId("past-due-banner");
  await expect(banner).toContainText("Payment failed — update your card");
  await expect(banner).toContainText("stays writable until");
  await expect(history.getByRole("row", { name: /Renewal/ })).toContainText("Payment failed");
  await page.goto("/inbox");
  await expect(page.getByTestId("past-due-banner")).toContainText("stays writable");

  // The grace period ends: read-only.
  await moveClock(page, "end_grace");
  await page.reload();
  await expect(page.getByTestId("past-due-banner")).toContainText("read-only until the invoice is paid");
  await page.screenshot({ path: testInfo.outputPath("inbox-past-due-read-only.png") });

  // Fix the card and pay: writable again.
  await seats.open();
  await setTestCard(page, false);
  await page.getByTestId("pay-now").getByRole("button", { name: "Pay now" }).click();
  await expect(page.getByText("Paid — thank you. The inbox is writable again.")).toBeVisible();
  await expect(page.getByTestId("pay-now")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("past-due-banner")).toHaveCount(0);
  await expect(history.getByRole("row", { name: /Renewal/ })).toContainText("Paid");
  await page.goto("/inbox");
  await expect(page.getByTestId("past-due-banner")).toHaveCount(0);
});

test("the billing clock hook does not exist for a signed-out caller", async ({ request }) => {
  const response = await request.post("/api/test/billing-clock", { data: { action: "end_period" } });
  expect(response.status()).toBe(401);
});

import { expect, test } from "@playwright/test";
import { AuthPages, DEMO_PASSWORD } from "./pages/auth-pages";
import { SeatsPage } from "./pages/seats-page";

// The seeded demo account: 1 included + 4 purchased seats (a local subscription bought ten days
// ago, $15.00 per seat per month), 3 agents; owner@ is the primary admin, admin@ another admin.
test("the primary admin buys seats, sees the prorated charge, then the invoice", async ({ page }) => {
  await new AuthPages(page).signIn("owner@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  const seats = new SeatsPage(page);
  await seats.open();
  await expect(page.getByTestId("seats-purchased")).toHaveText("4");
  await expect(page.getByText("3 seats are occupied")).toBeVisible();
  await expect(page.getByRole("link", { name: "Roles" }).last()).toHaveAttribute("href", "/settings/conversations/roles");

  await seats.moveSliderBy(2);
  await expect(page.getByTestId("seat-count")).toHaveText("6");
  await expect(page.getByTestId("selection-total")).toHaveText("$90.00 per month");
  await page.getByRole("button", { name: "Update" }).click();

  const dialog = seats.dialog();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("new-total")).toHaveText("$90.00");
  // Two seats for the ~20 days left of a ~30-day month: about two thirds of $30.00, never the full price.
  const charged = SeatsPage.cents(await dialog.getByTestId("charged-now").textContent());
  expect(charged).toBeGreaterThan(1500);
  expect(charged).toBeLessThan(3000);
  await dialog.getByRole("button", { name: "Confirm seat purchase" }).click();
  await expect(dialog.getByText("You now have 6 purchased seats.")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  await expect(page.getByTestId("seats-purchased")).toHaveText("6");
  const history = page.getByRole("table", { name: "Invoice history" });
  const row = history.getByRole("row", { name: /Seats added/ });
  await expect(row).toContainText(`$${(charged / 100).toFixed(2)}`);
  await expect(row).toContainText("Paid");
});

test("a declined test card leaves the seats unchanged with a clear error", async ({ page }) => {
  await new AuthPages(page).signIn("owner@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  const seats = new SeatsPage(page);
  await seats.open();
  const before = await page.getByTestId("seats-purchased").textContent();
  const testBox = page.getByTestId("test-mode-box");
  await testBox.getByLabel("Decline every charge to this card").check();
  await testBox.getByRole("button", { name: "Save test card" }).click();
  await expect(testBox.getByText("now declines")).toBeVisible();

  await seats.moveSliderBy(1);
  await page.getByRole("button", { name: "Update" }).click();
  await seats.dialog().getByRole("button", { name: "Confirm seat purchase" }).click();
  await expect(seats.dialog().getByRole("alert")).toContainText("declined");
  await seats.dialog().getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(page.getByTestId("seats-purchased")).toHaveText(before!);

  await testBox.getByLabel("Decline every charge to this card").uncheck();
  await testBox.getByRole("button", { name: "Save test card" }).click();
  await expect(testBox.getByText("now accepts")).toBeVisible();
});

test("another admin sees the seats read-only and cannot buy", async ({ page }) => {
  await new AuthPages(page).signIn("admin@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  const seats = new SeatsPage(page);
  await seats.open();
  await expect(page.getByText("Only the primary admin can change seats.")).toBeVisible();
  await expect(seats.slider()).toBeDisabled();
  await expect(page.getByRole("button", { name: "Update" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Invoice history" })).toBeVisible();
});

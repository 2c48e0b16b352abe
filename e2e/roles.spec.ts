import { expect, test } from "@playwright/test";
import { AuthPages, DEMO_PASSWORD } from "./pages/auth-pages";
import { RolesPage } from "./pages/roles-page";

// Demo account: 5 seats (1 included + 4 purchased); Olivia, Adam and Alice are Agents.

test("the primary admin makes users Agents until the seats run out, then frees one through the hand-over dialog", async ({ page }) => {
  await new AuthPages(page).signIn("owner@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  const roles = new RolesPage(page);
  await roles.open();
  await expect(roles.seatsUsed()).toHaveText("Seats used: 3 of 5");
  await expect(roles.row("Bob Agent")).toContainText("Support");

  await roles.setLevel("Bob Agent", "Agent");
  await expect(roles.seatsUsed()).toHaveText("Seats used: 4 of 5");
  await expect(roles.radio("Bob Agent", "Agent")).toBeChecked();
  await expect(page.getByRole("list", { name: "Recent level changes" })).toContainText("Olivia Owner changed Bob Agent from No access to Agent");

  await roles.setLevel("Nick NoAccess", "Agent");
  await expect(roles.seatsUsed()).toHaveText("Seats used: 5 of 5");

  await roles.setLevel("Vera Viewer", "Agent");
  const refusal = roles.row("Vera Viewer").getByRole("alert");
  await expect(refusal).toContainText("No free seats: all 5 seats are in use.");
  await expect(refusal.getByRole("link", { name: "Manage Seats" })).toHaveAttribute("href", "/settings/conversations/seats");
  await expect(roles.radio("Vera Viewer", "Viewer")).toBeChecked();

  await roles.setLevel("Nick NoAccess", "No access", "Unassigned");
  await expect(roles.seatsUsed()).toHaveText("Seats used: 4 of 5");
  await roles.setLevel("Bob Agent", "No access", "Alice Agent");
  await expect(roles.seatsUsed()).toHaveText("Seats used: 3 of 5");
  await expect(roles.radio("Bob Agent", "No access")).toBeChecked();

  // Still true after a reload: it was saved, not just shown.
  await page.reload();
  await expect(roles.seatsUsed()).toHaveText("Seats used: 3 of 5");
  await expect(roles.radio("Nick NoAccess", "No access")).toBeChecked();
});

test("another admin changes levels but is not offered to buy seats", async ({ page }) => {
  await new AuthPages(page).signIn("admin@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  const roles = new RolesPage(page);
  await roles.open();
  await roles.setLevel("Bob Agent", "Agent");
  await roles.setLevel("Nick NoAccess", "Agent");
  await expect(roles.seatsUsed()).toHaveText("Seats used: 5 of 5");
  await roles.setLevel("Vera Viewer", "Agent");
  const refusal = roles.row("Vera Viewer").getByRole("alert");
  await expect(refusal).toContainText("No free seats: all 5 seats are in use.");
  await expect(refusal.getByRole("link", { name: "Manage Seats" })).toHaveCount(0);

  await roles.setLevel("Bob Agent", "No access", "Unassigned");
  await roles.setLevel("Nick NoAccess", "No access", "Unassigned");
  await expect(roles.seatsUsed()).toHaveText("Seats used: 3 of 5");
});

for (const email of ["agent@demo.test", "viewer@demo.test"]) {
  test(`a non-admin (${email}) cannot manage roles`, async ({ page }) => {
    await new AuthPages(page).signIn(email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/inbox/);
    const roles = new RolesPage(page);
    await roles.open();
    await expect(page.getByText("Only admins can manage roles")).toBeVisible();
    await expect(page.getByRole("radiogroup")).toHaveCount(0);
    await expect(roles.seatsUsed()).toHaveCount(0);
  });
}

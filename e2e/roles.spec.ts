import { expect, test } from "@playwright/test";
import { AuthPages, DEMO_PASSWORD } from "./pages/auth-pages";
import { InboxPage } from "./pages/inbox-page";
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

test("the hand-over dialog says how many open conversations the agent owns; Roles updates live in another admin's tab", async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await new AuthPages(ownerPage).signIn("owner@demo.test", DEMO_PASSWORD);
  await expect(ownerPage).toHaveURL(/\/inbox/);
  const owner = new RolesPage(ownerPage);
  await owner.open();

  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await new AuthPages(adminPage).signIn("admin@demo.test", DEMO_PASSWORD);
  await expect(adminPage).toHaveURL(/\/inbox/);
  const admin = new RolesPage(adminPage);
  await admin.open();

  // The dialog shows the count, then is cancelled: nothing changes.
  await owner.levels("Alice Agent").locator("label").filter({ hasText: /^Viewer$/ }).click();
  const dialog = ownerPage.getByRole("dialog", { name: "Change Alice Agent to Viewer?" });
  await expect(dialog.getByTestId("open-conversations")).toHaveText(/^Alice Agent owns (no|\d+) open conversations?\.$/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(owner.radio("Alice Agent", "Agent")).toBeChecked();

  // The other admin's tab follows without a reload.
  await owner.setLevel("Bob Agent", "Agent");
  await expect(admin.radio("Bob Agent", "Agent")).toBeChecked();
  await expect(admin.seatsUsed()).toHaveText("Seats used: 4 of 5");
  await owner.setLevel("Bob Agent", "No access", "Unassigned");
  await expect(admin.radio("Bob Agent", "No access")).toBeChecked();
  await expect(admin.seatsUsed()).toHaveText("Seats used: 3 of 5");
});

test("a level change reaches the user's open inbox tab: promoted, Vera gets the agent's controls; demoted, she loses them", async ({ browser }) => {
  const ownerPage = await (await browser.newContext()).newPage();
  await new AuthPages(ownerPage).signIn("owner@demo.test", DEMO_PASSWORD);
  await expect(ownerPage).toHaveURL(/\/inbox/);
  const owner = new RolesPage(ownerPage);
  await owner.open();

  const veraPage = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
  await new AuthPages(veraPage).signIn("viewer@demo.test", DEMO_PASSWORD);
  await expect(veraPage).toHaveURL(/\/inbox/);
  const inbox = new InboxPage(veraPage);
  await inbox.open();
  // An open thread too: its controls follow the level (the thread's abilities come from the server).
  await inbox.list().getByRole("link").first().click();
  const readOnlyNote = veraPage.getByTestId("read-only-note");
  const send = veraPage.getByRole("button", { name: "Send" });
  await expect(readOnlyNote).toBeVisible();
  const newConversation = veraPage.getByRole("button", { name: "New conversation" });
  await expect(newConversation).toHaveCount(0);

  await owner.setLevel("Vera Viewer", "Agent");
  await expect(newConversation).toBeVisible();
  await expect(send).toBeVisible();
  await expect(readOnlyNote).toHaveCount(0);
  await owner.setLevel("Vera Viewer", "Viewer", "Unassigned");
  await expect(newConversation).toHaveCount(0);
  await expect(veraPage.getByText("View only")).toBeVisible();
  await expect(readOnlyNote).toBeVisible();
  await expect(send).toHaveCount(0);
});

import { expect, test } from "@playwright/test";
import { AuthPages } from "./pages/auth-pages";

test("sign up, sign out, sign in again", async ({ page }) => {
  const auth = new AuthPages(page);
  const email = `founder-${Date.now()}@example.com`;
  await auth.signUp({ name: "Fran Founder", accountName: "Fran's Bakery", email, password: "bread-and-butter-1" });
  await expect(page).toHaveURL(/\/inbox/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" })).toBeVisible();

  await auth.signOut();
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/sign-in/);

  await auth.signIn(email, "wrong-password-1");
  await expect(page.getByText("don't match")).toBeVisible();
  await auth.signIn(email, "bread-and-butter-1");
  await expect(page).toHaveURL(/\/inbox/);
  await page.getByLabel("User menu").click();
  await expect(page.getByText("Fran's Bakery").first()).toBeVisible();
});

test("sign-up refuses a weak password, and answers a taken address as a free one (issue 12)", async ({ page }) => {
  const auth = new AuthPages(page);
  await auth.submitSignUp({ name: "Dup", accountName: "Dup Co", email: "owner@demo.test", password: "short" });
  await expect(page.getByText("at least 10 characters")).toBeVisible();
  await page.getByLabel("Password").fill("long-enough-pass-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email: we sent a link to owner@demo.test to finish creating your account.")).toBeVisible();
  await expect(page.getByText("already exists")).toHaveCount(0);
  await expect(page.getByText("the link is in the server's log")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
});

test("a sign-up link works once; a used one offers to sign up again (issue 12)", async ({ page, browser }) => {
  const auth = new AuthPages(page);
  const email = `once-${Date.now()}@example.com`;
  await auth.signUp({ name: "Olga Once", accountName: "Once Co", email, password: "only-once-pass-1" });
  await expect(page).toHaveURL(/\/inbox/);
  const link = await auth.signUpLink(email);
  const other = await browser.newContext();
  const again = await other.newPage();
  await again.goto(link);
  await again.getByRole("button", { name: "Confirm and create account" }).click();
  await expect(again.getByText("expired or was already used")).toBeVisible();
  await expect(again.getByRole("link", { name: "Sign up again" })).toBeVisible();
  await other.close();
});

test("a second account's admin sees nothing of the demo account", async ({ page }) => {
  const auth = new AuthPages(page);
  await auth.signUp({ name: "Other Owner", accountName: "Other Co", email: `other-${Date.now()}@example.com`, password: "other-password-1" });
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto("/settings/team");
  await expect(page.getByText("Members (1)")).toBeVisible();
  await expect(page.getByText("owner@demo.test")).toHaveCount(0);
});

test("an admin invites a teammate who sets a password and joins", async ({ page, browser }) => {
  const auth = new AuthPages(page);
  await auth.signIn("admin@demo.test", "demo-password-1");
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto("/settings/team");
  const email = `new-${Date.now()}@example.com`;
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send invite" }).click();
  const link = await page.getByTestId("invite-link").textContent();
  expect(link).toContain("/invite/");

  const invitee = await browser.newPage();
  await invitee.goto(link!.trim());
  await expect(invitee.getByText(email)).toBeVisible();
  await invitee.getByLabel("Your name").fill("Nina New");
  await invitee.getByLabel("Password").fill("nina-password-1");
  await invitee.getByRole("button", { name: "Join" }).click();
  await expect(invitee).toHaveURL(/\/inbox/);
  // New users start with No access to Conversations.
  await expect(invitee.getByText("You don't have access to Conversations")).toBeVisible();
  await invitee.close();
});

test("signing out in one browser ends the session in the other (issue 12)", async ({ page, browser }) => {
  const auth = new AuthPages(page);
  const email = `two-browsers-${Date.now()}@example.com`;
  await auth.signUp({ name: "Tess Two", accountName: "Two Browsers Co", email, password: "two-browsers-pass-1" });
  await expect(page).toHaveURL(/\/inbox/);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await new AuthPages(otherPage).signIn(email, "two-browsers-pass-1");
  await expect(otherPage).toHaveURL(/\/inbox/);

  await auth.signOut();
  await otherPage.goto("/settings/team");
  await expect(otherPage).toHaveURL(/\/sign-in/);

  // Signing in again starts a fresh session that works.
  await new AuthPages(otherPage).signIn(email, "two-browsers-pass-1");
  await expect(otherPage).toHaveURL(/\/inbox/);
  await other.close();
});

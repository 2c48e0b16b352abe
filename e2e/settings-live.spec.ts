import { expect, test, type Page } from "@playwright/test";
import { AuthPages } from "./pages/auth-pages";

// Issue 13: "a change emits realtime events so another admin's open Settings page updates" — also
// for an admin at "No access", who sees no inbox and no inbox channel (decision 0050).

/** Marks the window: still there afterwards = the page updated in place, it was not reloaded. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
const stillMarked = (page: Page) => page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark === 1);

test("Settings → Channels and Team update live for another admin at No access", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await new AuthPages(owner).signUp({ name: `Lee Live ${stamp}`, accountName: `Live Co ${stamp}`, email: `lee-${stamp}@example.com`, password: "live-updates-1" });
  await expect(owner).toHaveURL(/\/inbox/);

  // A teammate invited as an admin joins at "No access".
  await owner.goto("/settings/team");
  await owner.getByLabel("Email address").fill(`max-${stamp}@example.com`);
  await owner.getByLabel("Make them an admin").check();
  await owner.getByRole("button", { name: "Send invite" }).click();
  const link = (await owner.getByTestId("invite-link").textContent())!.trim();
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto(link);
  await admin.getByLabel("Your name").fill(`Max Admin ${stamp}`);
  await admin.getByLabel("Password").fill("teammate-password-1");
  await admin.getByRole("button", { name: "Join" }).click();
  await expect(admin).toHaveURL(/\/inbox/);

  try {
    // Channels: the owner adds an SMS number; the other admin's open page shows it.
    await admin.goto("/settings/channels");
    const sms = admin.getByRole("region", { name: "SMS", exact: true });
    await expect(sms.getByTestId("channel-status")).toHaveText("Not set up");
    await mark(admin);
    await owner.goto("/settings/channels");
    const number = `+1415${String(stamp).slice(-7)}`;
    const ownerSms = owner.getByRole("region", { name: "SMS", exact: true });
    await ownerSms.getByLabel("Number (international format)").fill(number);
    await ownerSms.getByRole("button", { name: "Add number" }).click();
    await expect(ownerSms.getByRole("list", { name: "SMS numbers" })).toContainText(number);
    await expect(sms.getByRole("list", { name: "SMS numbers" })).toContainText(number);
    await expect(sms.getByTestId("channel-status")).toHaveText("Connected · no text received yet");
    expect(await stillMarked(admin)).toBe(true);

    // Team: the owner creates a group; the other admin's open Team page lists it.
    await admin.goto("/settings/team");
    await expect(admin.getByRole("region", { name: "Groups" })).toBeVisible();
    await mark(admin);
    await owner.goto("/settings/team");
    await owner.getByLabel("New group name").fill("Night shift");
    await owner.getByRole("button", { name: "Create group" }).click();
    await expect(owner.getByRole("listitem", { name: "Group Night shift" })).toBeVisible();
    await expect(admin.getByRole("listitem", { name: "Group Night shift" })).toBeVisible();
    expect(await stillMarked(admin)).toBe(true);
  } finally {
    await adminContext.close();
    await ownerContext.close();
  }
});

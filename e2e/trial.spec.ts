import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { AuthPages, DEMO_PASSWORD } from "./pages/auth-pages";
import { InboxPage } from "./pages/inbox-page";

// The trial as the inbox shows it: "Purchase" during the trial; read-only (with "Purchase") once it
// ended unpaid, while customers' messages still land; writable again when seats are bought.

type SeatState = { purchased: number; included: number; trialSeats: number; trialEndsAt: string | null };
const day = 24 * 60 * 60 * 1000;

async function setSeats(request: APIRequestContext, state: SeatState): Promise<SeatState> {
  const response = await request.post("/api/test/billing-state", { data: state });
  expect(response.ok()).toBe(true);
  return response.json();
}

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  await new AuthPages(page).signIn(email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  const inbox = new InboxPage(page);
  await inbox.open();
  return inbox;
}

test("trial → Purchase on the inbox; ended unpaid → read-only, inbound still lands; seats bought → writable", async ({ browser, request }, testInfo) => {
  const original = await setSeats(request, { purchased: 0, included: 0, trialSeats: 5, trialEndsAt: new Date(Date.now() + 7 * day).toISOString() });
  try {
    const alice = await signedIn(browser, "agent@demo.test");
    const banner = alice.page.getByRole("status").filter({ hasText: "Trial:" });
    await expect(banner).toContainText("days left");
    await expect(banner.getByRole("link", { name: "Purchase" })).toHaveAttribute("href", /\/settings\/conversations\/seats/);
    await alice.page.screenshot({ path: testInfo.outputPath("inbox-trial.png") });

    await setSeats(request, { purchased: 0, included: 0, trialSeats: 5, trialEndsAt: new Date(Date.now() - day).toISOString() });
    const stamp = Date.now();
    const name = `Rita ReadOnly ${stamp}`;
    const delivered = await request.post("/api/test/inbound", {
      data: { email: `rita-${stamp}@example.com`, name, text: `Still there? ${stamp}`, externalId: `e2e-ro-${stamp}` },
    });
    expect(delivered.ok()).toBe(true);

    await alice.open();
    const ended = alice.page.getByRole("status").filter({ hasText: "Your trial has ended" });
    await expect(ended).toContainText("read-only");
    await expect(ended.getByRole("link", { name: "Purchase" })).toBeVisible();
    await alice.row(name).click();
    await expect(alice.messages()).toContainText(`Still there? ${stamp}`);
    await alice.reply("Sorry for the wait!");
    await expect(alice.page.getByRole("alert").filter({ hasText: "Your trial has ended. Purchase seats to reply again." })).toBeVisible();
    await expect(alice.messages()).not.toContainText("Sorry for the wait!");
    await alice.page.screenshot({ path: testInfo.outputPath("inbox-read-only.png") });

    await setSeats(request, { purchased: 4, included: 1, trialSeats: 5, trialEndsAt: new Date(Date.now() - day).toISOString() });
    await alice.open();
    await expect(alice.page.getByText("Your trial has ended")).toHaveCount(0);
    await alice.row(name).click();
    await alice.reply("Sorry for the wait!");
    await expect(alice.messages()).toContainText("Sorry for the wait!");
  } finally {
    await setSeats(request, original);
  }
});

test("admins manage saved responses: add a category and a response, edit it, archive it", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
  const page = await context.newPage();
  await new AuthPages(page).signIn("admin@demo.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Saved Responses" }).click();
  await expect(page.getByRole("heading", { name: "Saved Responses" })).toBeVisible();

  const category = `Billing ${Date.now()}`;
  await page.getByLabel("New category name").fill(category);
  await page.getByRole("button", { name: "Add category" }).click();
  const section = page.getByRole("region", { name: `Category ${category}` });
  await expect(section).toBeVisible();

  await section.getByLabel("Title of new saved response").fill("Refund policy");
  await section.getByLabel("Text of new saved response").fill("Hi {{first_name}}, refunds take 5 days.");
  await section.getByRole("button", { name: "Add response" }).click();
  await expect(section.getByLabel("Title of saved response Refund policy")).toHaveValue("Refund policy");

  await section.getByLabel("Text of saved response Refund policy").fill("Hi {{first_name}}, refunds take 3 days.");
  await section.getByRole("form", { name: "Edit Refund policy" }).getByRole("button", { name: "Save" }).click();
  await expect(section.getByRole("form", { name: "Edit Refund policy" }).getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(section.getByLabel("Text of saved response Refund policy")).toHaveValue("Hi {{first_name}}, refunds take 3 days.");
  await page.screenshot({ path: testInfo.outputPath("saved-responses.png"), fullPage: true });

  page.once("dialog", (dialog) => dialog.accept());
  await section.getByRole("listitem").filter({ has: page.getByLabel("Title of saved response Refund policy") }).getByRole("button", { name: "Archive" }).click();
  await expect(section.getByLabel("Title of saved response Refund policy")).toHaveCount(0);
  await expect(section).toContainText("No responses in this category yet.");
});

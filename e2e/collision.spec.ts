import { expect, test } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { inviteAgent, openVisitor, signUpAgent } from "./pages/new-account";

test("collision: two agents see each other viewing and typing, the visitor sees the agent typing and vice versa, and a reply by the other keeps my draft behind 'send anyway?'", async ({
  browser,
  baseURL,
}, testInfo) => {
  const stamp = Date.now();
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const ownerPage = await ownerContext.newPage();
  const ownerName = await signUpAgent(ownerPage, stamp);
  const beaName = `Bea Teammate ${stamp}`;
  const beaPage = await inviteAgent(ownerPage, browser, stamp, beaName);

  const owner = new InboxPage(ownerPage);
  const bea = new InboxPage(beaPage);
  await owner.open();
  const shop = await openVisitor(browser, ownerPage, baseURL!);
  await shop.send(`Can someone help me? (${stamp})`);
  await owner.list().getByRole("link").first().click();
  await expect(owner.messages()).toContainText(`Can someone help me? (${stamp})`);
  await bea.open();
  await bea.list().getByRole("link").first().click();
  await expect(bea.messages()).toContainText(`Can someone help me? (${stamp})`);

  // Each sees the other viewing.
  await expect(ownerPage.getByTestId("collision-viewing")).toHaveText(`${beaName} is also viewing`);
  await expect(beaPage.getByTestId("collision-viewing")).toHaveText(`${ownerName} is also viewing`);

  // Typing shows within a second, on both sides and for the visitor.
  await beaPage.getByLabel("Message", { exact: true }).pressSequentially("Let me check");
  await expect(ownerPage.getByTestId("collision-typing")).toHaveText(`${beaName} is typing…`, { timeout: 1000 });
  await expect(shop.visitor.getByTestId("chat-typing")).toHaveText("Agent is typing…", { timeout: 1000 });
  await ownerPage.getByLabel("Message", { exact: true }).pressSequentially("My draft answer");
  await expect(beaPage.getByTestId("collision-typing")).toHaveText(`${ownerName} is typing…`, { timeout: 1000 });

  // The visitor types: both agents see it (under the contact's name).
  await shop.visitor.getByTestId("chat-panel").getByLabel("Message", { exact: true }).pressSequentially("one more");
  await expect(ownerPage.getByTestId("collision-typing")).toContainText(/Visitor \S+/, { timeout: 1000 });
  await ownerPage.screenshot({ path: testInfo.outputPath("collision-owner.png") });

  // Bea sends while the owner has a draft: the owner sees Bea's reply, keeps the draft, and is asked.
  await beaPage.getByLabel("Message", { exact: true }).press("Enter");
  await expect(owner.messages()).toContainText("Let me check");
  await ownerPage.getByLabel("Message", { exact: true }).press("Enter");
  const asked = ownerPage.getByTestId("they-replied");
  await expect(asked).toContainText("They replied — send anyway?");
  await expect(ownerPage.getByLabel("Message", { exact: true })).toHaveValue("My draft answer");
  await expect(owner.messages()).not.toContainText("My draft answer");
  await ownerPage.screenshot({ path: testInfo.outputPath("collision-they-replied.png") });
  await asked.getByRole("button", { name: "Send anyway" }).click();
  await expect(owner.messages()).toContainText("My draft answer");
  await expect(asked).toHaveCount(0);
  await expect(ownerPage.getByLabel("Message", { exact: true })).toHaveValue("");

  // Bea leaves: the owner no longer sees her viewing.
  await beaPage.close();
  await expect(ownerPage.getByTestId("collision-viewing")).toHaveCount(0);
  await shop.close();
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Browser, type Page } from "@playwright/test";
import { AuthPages } from "./auth-pages";
import { RolesPage } from "./roles-page";

/**
 * A brand-new account, signed up in the UI: trial started, which makes its owner an Agent (SPEC §3).
 * The owner's email is their first name and the stamp (uma-123@example.com).
 */
export async function signUpAgent(page: Page, stamp: number, person = "Uma Owner") {
  const name = `${person} ${stamp}`;
  const email = `${person.split(" ")[0].toLowerCase()}-${stamp}@example.com`;
  await new AuthPages(page).signUp({ name, accountName: `Keys & Co ${stamp}`, email, password: "keyboard-first-1" });
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto("/settings/conversations/start-trial");
  await page.getByRole("button", { name: "Start Trial" }).click();
  await expect(page).toHaveURL(/\/settings\/conversations\/seats/);
  const roles = new RolesPage(page);
  await roles.open();
  await expect(roles.radio(name, "Agent")).toBeChecked();
  return name;
}

/** The admin (on `page`) invites a teammate who joins in `browser`'s new context; the admin makes them an Agent. */
export async function inviteAgent(page: Page, browser: Browser, stamp: number, name: string, viewport = { width: 1280, height: 800 }) {
  await page.goto("/settings/team");
  const email = `${name.split(" ")[0].toLowerCase()}-${stamp}@example.com`;
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send invite" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  const context = await browser.newContext({ viewport });
  const invitee = await context.newPage();
  await invitee.goto(link);
  await invitee.getByLabel("Your name").fill(name);
  await invitee.getByLabel("Password").fill("teammate-password-1");
  await invitee.getByRole("button", { name: "Join" }).click();
  await expect(invitee).toHaveURL(/\/inbox/);
  const roles = new RolesPage(page);
  await roles.open();
  await roles.setLevel(name, "Agent");
  await expect(roles.radio(name, "Agent")).toBeChecked();
  return invitee;
}

/** A customer's own site (another origin) carrying the account's chat widget; a visitor opens it. */
export async function openVisitor(browser: Browser, page: Page, baseURL: string) {
  const widget = await page.request.get("/api/test/widget-key");
  expect(widget.ok()).toBe(true);
  const { widgetKey } = await widget.json();
  const site: Server = createServer((_req, res) =>
    res
      .writeHead(200, { "content-type": "text/html" })
      .end(`<!doctype html><html lang="en"><title>Lamp shop</title><main><h1>Lamps</h1><p>Our finest lamps.</p></main><script src="${baseURL}/widget.js" data-key="${widgetKey}" async></script></html>`),
  );
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const visitor = await context.newPage();
  await visitor.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
  const send = async (text: string) => {
    const panel = visitor.getByTestId("chat-panel");
    if (!(await panel.isVisible())) await visitor.getByTestId("chat-launcher").click();
    await panel.getByLabel("Message", { exact: true }).fill(text);
    await panel.getByRole("button", { name: "Send" }).click();
    await expect(visitor.getByTestId("chat-messages")).toContainText(text);
  };
  return { visitor, send, close: () => new Promise<void>((resolve) => site.close(() => resolve())) };
}

/** `count` web-chat visitors write one message each through the widget's API (each from its own address). */
export async function visitorsWrite(page: Page, count: number, text: (i: number) => string) {
  const { widgetKey } = await (await page.request.get("/api/test/widget-key")).json();
  for (let i = 1; i <= count; i++) {
    const headers = { "x-forwarded-for": `198.51.100.${i}` };
    const session = await page.request.post("/api/widget/session", { data: { widgetKey }, headers });
    expect(session.ok()).toBe(true);
    const { token } = await session.json();
    const sent = await page.request.post("/api/widget/messages", {
      data: { body: text(i), clientMessageId: crypto.randomUUID() },
      headers: { ...headers, "x-visitor-token": token },
    });
    expect(sent.status()).toBe(201);
  }
}

import { expect, test, type WebSocketRoute } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { signUpAgent, visitorsWrite } from "./pages/new-account";

test("reconnect: with the realtime server gone the inbox says Reconnecting…; once it is back the tab is live and caught up within 2 s, without any online event", async ({
  browser,
}) => {
  const stamp = Date.now();
  // The browser's realtime sockets go through a switch standing for the realtime server: off, every
  // open socket is closed and every redial refused (as with the server stopped); on, they reach it.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let serverUp = true;
  const sockets: WebSocketRoute[] = [];
  await context.routeWebSocket(/\/app\//, (ws) => {
    if (!serverUp) return void ws.close();
    ws.connectToServer();
    sockets.push(ws);
  });
  const page = await context.newPage();
  await signUpAgent(page, stamp);
  await visitorsWrite(page, 1, () => `Before the outage (${stamp})`);
  const inbox = new InboxPage(page);
  await inbox.open();
  await expect(inbox.row(`Before the outage (${stamp})`)).toBeVisible();
  const indicator = page.getByTestId("connection-indicator");
  await expect.poll(() => sockets.length).toBeGreaterThan(0);
  await expect(indicator).toHaveCount(0);

  // The server stops.
  serverUp = false;
  for (const ws of sockets.splice(0)) await ws.close();
  await expect(indicator).toHaveText("Reconnecting…");
  // Meanwhile a visitor writes: this tab cannot hear it live.
  await visitorsWrite(page, 1, () => `During the outage (${stamp})`);
  await page.waitForTimeout(3000);
  await expect(inbox.row(`During the outage (${stamp})`)).toHaveCount(0);

  // The server is back: within 2 s the tab reconnects, catches up and says so.
  serverUp = true;
  await expect(inbox.row(`During the outage (${stamp})`)).toBeVisible({ timeout: 2000 });
  await expect(indicator).toHaveText("Back online — caught up", { timeout: 2000 });
  await expect(indicator).toHaveCount(0, { timeout: 6000 });
});

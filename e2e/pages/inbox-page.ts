import { expect, type Page } from "@playwright/test";

/** Page object for the inbox: left pane, thread, composer, bell. */
export class InboxPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/inbox");
    await expect(this.page.getByRole("complementary", { name: "Inbox" })).toBeVisible();
  }

  list() {
    return this.page.getByRole("list", { name: "Conversations" });
  }

  row(name: string) {
    return this.list().getByRole("link").filter({ hasText: name });
  }

  messages() {
    return this.page.getByRole("list", { name: "Messages" });
  }

  async reply(text: string) {
    await this.page.getByLabel("Message", { exact: true }).fill(text);
    await this.page.getByRole("button", { name: "Send" }).click();
  }

  agentSelect() {
    return this.page.getByLabel("Agent", { exact: true });
  }

  bell() {
    return this.page.getByRole("button", { name: /^Notifications/ });
  }
}

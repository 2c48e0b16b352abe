import { expect, type Page } from "@playwright/test";

type Level = "No access" | "Viewer" | "Agent";

/** Page object for Settings → Conversations → "Roles". */
export class RolesPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/settings/conversations/roles");
  }

  seatsUsed() {
    return this.page.getByTestId("seats-used");
  }

  levels(name: string) {
    return this.page.getByRole("radiogroup", { name: `Access level for ${name}` });
  }

  radio(name: string, level: Level) {
    return this.levels(name).getByRole("radio", { name: level, exact: true });
  }

  row(name: string) {
    return this.page.getByTestId("role-row").filter({ has: this.levels(name) });
  }

  /** Picks a level; for an Agent being demoted, answers the hand-over dialog with `handOverTo`. */
  async setLevel(name: string, level: Level, handOverTo?: string) {
    await this.levels(name).locator("label").filter({ hasText: new RegExp(`^${level}$`) }).click();
    if (handOverTo) {
      const dialog = this.page.getByRole("dialog", { name: `Change ${name} to ${level}?` });
      await expect(dialog).toBeVisible();
      await dialog.getByLabel("Give open conversations to").selectOption({ label: handOverTo });
      await dialog.getByRole("button", { name: `Change to ${level}` }).click();
      await expect(dialog).toBeHidden();
    }
  }
}

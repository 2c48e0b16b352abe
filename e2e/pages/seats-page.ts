import { expect, type Page } from "@playwright/test";

/** Page object for Settings → Conversations → "Manage Seats". */
export class SeatsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/settings/conversations/seats");
    await expect(this.page.getByRole("tab", { name: "Manage Seats" })).toHaveAttribute("aria-selected", "true");
  }

  slider() {
    return this.page.getByLabel("Seats", { exact: true });
  }

  /** Moves the slider with the keyboard, as a user would. */
  async moveSliderBy(steps: number) {
    await this.slider().focus();
    for (let i = 0; i < Math.abs(steps); i++) await this.page.keyboard.press(steps > 0 ? "ArrowRight" : "ArrowLeft");
  }

  dialog() {
    return this.page.getByRole("dialog");
  }

  static cents(text: string | null) {
    return Math.round(Number((text ?? "").replace(/[^0-9.]/g, "")) * 100);
  }
}

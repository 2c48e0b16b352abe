import { expect, type Page } from "@playwright/test";

/** Page objects for the sign-up, sign-in and user-menu flows. */
export class AuthPages {
  constructor(private readonly page: Page) {}

  /** Signs up and follows the mailed confirmation link (read through the E2E-only hook), landing signed in. */
  async signUp(person: { name: string; accountName: string; email: string; password: string }) {
    await this.submitSignUp(person);
    await expect(this.page.getByText(`Check your email: we sent a link to ${person.email.toLowerCase()}`)).toBeVisible();
    await this.confirmSignUp(person.email);
  }

  /** Fills and submits the sign-up form only. */
  async submitSignUp(person: { name: string; accountName: string; email: string; password: string }) {
    await this.page.goto("/sign-up");
    await this.page.getByLabel("Your name").fill(person.name);
    await this.page.getByLabel("Company or team").fill(person.accountName);
    await this.page.getByLabel("Work email").fill(person.email);
    await this.page.getByLabel("Password").fill(person.password);
    await this.page.getByRole("button", { name: "Create account" }).click();
  }

  /** The newest confirmation link mailed to `email` (the mail job runs in the background). */
  async signUpLink(email: string): Promise<string> {
    let link = "";
    await expect
      .poll(async () => {
        const response = await this.page.request.get(`/api/test/sign-up-link?email=${encodeURIComponent(email)}`);
        if (response.ok()) link = ((await response.json()) as { link: string }).link;
        return link;
      }, { timeout: 30_000 })
      .not.toBe("");
    return new URL(link).pathname;
  }

  async confirmSignUp(email: string) {
    await this.page.goto(await this.signUpLink(email));
    await this.page.getByRole("button", { name: "Confirm and create account" }).click();
  }

  async signIn(email: string, password: string) {
    await this.page.goto("/sign-in");
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  async signOut() {
    await this.page.getByLabel("User menu").click();
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/sign-in/);
  }
}

export const DEMO_PASSWORD = "demo-password-1";

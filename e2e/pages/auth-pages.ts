import { expect, type Page } from "@playwright/test";

/** Page objects for the sign-up, sign-in and user-menu flows. */
export class AuthPages {
  constructor(private readonly page: Page) {}

  async signUp(person: { name: string; accountName: string; email: string; password: string }) {
    await this.page.goto("/sign-up");
    await this.page.getByLabel("Your name").fill(person.name);
    await this.page.getByLabel("Company or team").fill(person.accountName);
    await this.page.getByLabel("Work email").fill(person.email);
    await this.page.getByLabel("Password").fill(person.password);
    await this.page.getByRole("button", { name: "Create account" }).click();
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

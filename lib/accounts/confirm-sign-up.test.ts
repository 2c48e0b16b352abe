import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { accounts, groups, pendingSignUps, users } from "@/db/schema";
import { checkSignIn } from "@/lib/auth/sign-in";
import { loadActor } from "./actor";
import { confirmSignUp } from "./confirm-sign-up";
import { requestSignUp } from "./request-sign-up";
import { signUp } from "./sign-up";

const t = useTestDatabase({ poolSize: 10 });
const person = { name: "Pat Owner", accountName: "Pat's Shop", email: "pat@example.com", password: "correct-horse-1" };
const now = new Date("2026-03-01T10:00:00Z");

async function mailedToken(input = person) {
  let token = "";
  await requestSignUp({ db: t.db, input, client: "10.2.2.2", appUrl: "https://app.example.com", now, logLink: (line) => (token = line.split("/sign-up/confirm/")[1]) });
  return token;
}

describe("confirmSignUp", () => {
  test("creates the account as sign-up always did, and the password signs in", async () => {
    const result = await confirmSignUp({ db: t.db, token: await mailedToken(), now });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const actor = await loadActor({ db: t.db, userId: result.userId });
    expect(actor).toMatchObject({ isAdmin: true, isPrimaryAdmin: true, accountId: result.accountId });
    const accountGroups = await t.db.select().from(groups).where(eq(groups.accountId, result.accountId));
    expect(accountGroups.map((g) => [g.name, g.isAdminGroup])).toEqual([["Admin", true]]);
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, result.accountId));
    expect(account.name).toBe("Pat's Shop");
    expect(await checkSignIn({ db: t.db, input: { email: person.email, password: person.password }, ip: null })).toMatchObject({ ok: true, userId: result.userId });
  });

  test("a link works once", async () => {
    const token = await mailedToken();
    expect((await confirmSignUp({ db: t.db, token, now })).ok).toBe(true);
    expect(await confirmSignUp({ db: t.db, token, now })).toEqual({ ok: false, reason: "link_unusable" });
    expect(await t.db.select().from(accounts)).toHaveLength(1);
  });

  test("an expired or unknown link creates nothing", async () => {
    const token = await mailedToken();
    const later = new Date(now.getTime() + 24 * 3600_000 + 1000);
    expect(await confirmSignUp({ db: t.db, token, now: later })).toEqual({ ok: false, reason: "link_unusable" });
    expect(await confirmSignUp({ db: t.db, token: "x".repeat(43), now })).toEqual({ ok: false, reason: "link_unusable" });
    expect(await confirmSignUp({ db: t.db, token: undefined, now })).toEqual({ ok: false, reason: "link_unusable" });
    expect(await t.db.select().from(accounts)).toHaveLength(0);
  });

  test("an address taken since the request creates nothing and says to sign in", async () => {
    const token = await mailedToken();
    await signUp({ db: t.db, input: { ...person, accountName: "Quicker Co", password: "quicker-pass-1" } });
    expect(await confirmSignUp({ db: t.db, token, now })).toEqual({ ok: false, reason: "email_taken" });
    expect((await t.db.select().from(accounts)).map((a) => a.name)).toEqual(["Quicker Co"]);
  });

  test("two racing confirms of one link create one account", async () => {
    const token = await mailedToken();
    const results = await Promise.all([1, 2, 3, 4].map(() => confirmSignUp({ db: t.db, token, now })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.reason))).toEqual(["link_unusable", "link_unusable", "link_unusable"]);
    expect(await t.db.select().from(users)).toHaveLength(1);
    expect((await t.db.select().from(pendingSignUps))[0].usedAt).not.toBeNull();
  });
});

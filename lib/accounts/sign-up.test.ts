import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { accounts, groups, mailLocalMailbox, users } from "@/db/schema";
import { runQueuedJobs } from "@/lib/jobs/job-runner";
import { loadActor } from "./actor";
import { signUp, signUpLimit } from "./sign-up";

const t = useTestDatabase();
const valid = { name: "Pat Owner", accountName: "Pat's Shop", email: "Pat@Example.com ", password: "correct-horse-1" };

describe("signUp", () => {
  test("creates the account, its Admin group and the primary admin", async () => {
    const result = await signUp({ db: t.db, input: valid });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [user] = await t.db.select().from(users).where(eq(users.id, result.value.userId));
    expect(user.email).toBe("pat@example.com");
    expect(user.isPrimaryAdmin).toBe(true);
    expect(user.passwordHash).not.toContain("correct-horse");
    const accountGroups = await t.db.select().from(groups).where(eq(groups.accountId, result.value.accountId));
    expect(accountGroups.map((g) => [g.name, g.isAdminGroup])).toEqual([["Admin", true]]);
    const actor = await loadActor({ db: t.db, userId: user.id });
    expect(actor).toMatchObject({ isAdmin: true, isPrimaryAdmin: true, accountId: result.value.accountId });
  });

  test("refuses a duplicate email and changes nothing", async () => {
    await signUp({ db: t.db, input: valid });
    const again = await signUp({ db: t.db, input: { ...valid, accountName: "Another", email: "pat@example.com" } });
    expect(again).toMatchObject({ ok: false, fieldErrors: { email: expect.stringContaining("already exists") } });
    expect(await t.db.select().from(accounts)).toHaveLength(1);
  });

  test("a duplicate from the sign-up page mails the address's owner, at most once an hour (issue 12)", async () => {
    await signUp({ db: t.db, input: valid });
    const now = new Date("2026-03-01T10:00:00Z");
    const probe = { ...valid, accountName: "Probe", email: "pat@example.com", password: "prober-pass-1" };
    const page = { client: "10.9.9.9", appUrl: "https://app.example.com", now };
    expect(await signUp({ db: t.db, input: probe, ...page })).toMatchObject({ ok: false });
    expect(await signUp({ db: t.db, input: probe, ...page })).toMatchObject({ ok: false });
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    const [mail] = await t.db.select().from(mailLocalMailbox);
    expect(mail.to).toBe("pat@example.com");
    expect(mail.text).toContain("https://app.example.com/sign-in");
    expect(mail.text).not.toContain("prober-pass-1");
  });

  test.each([
    [{ ...valid, password: "" }, "password"],
    [{ ...valid, password: "short1" }, "password"],
    [{ ...valid, password: "onlyletterslong" }, "password"],
    [{ ...valid, email: "not-an-email" }, "email"],
    [{ ...valid, name: "   " }, "name"],
    [{ ...valid, accountName: "" }, "accountName"],
    [{}, "email"],
  ])("refuses bad input %# with a message on %s and creates nothing", async (input, field) => {
    const result = await signUp({ db: t.db, input });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.[field]).toBeTruthy();
    expect(await t.db.select().from(accounts)).toHaveLength(0);
  });

  test("the database allows only one primary admin per account", async () => {
    const result = await signUp({ db: t.db, input: valid });
    if (!result.ok) throw new Error("sign-up failed");
    await expect(
      t.db.insert(users).values({
        accountId: result.value.accountId,
        email: "second@example.com",
        name: "Second",
        passwordHash: "x",
        isPrimaryAdmin: true,
      }),
    ).rejects.toThrow();
  });

  test("limits sign-ups per client address per hour; another address is not affected (issue 12, item 6)", async () => {
    const now = new Date("2026-01-01T10:00:00Z");
    const person = (i: number) => ({ name: "S", accountName: `Spam ${i}`, email: `spam${i}@example.com`, password: "sign-up-pass-1" });
    const { limit } = signUpLimit();
    for (let i = 0; i < limit; i++) expect((await signUp({ db: t.db, input: person(i), client: "6.6.6.6", now })).ok).toBe(true);
    const refused = await signUp({ db: t.db, input: person(limit), client: "6.6.6.6", now });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/Too many new accounts/) });
    expect((await signUp({ db: t.db, input: person(limit + 1), client: "7.7.7.7", now })).ok).toBe(true);
    expect((await signUp({ db: t.db, input: person(limit + 2), client: "6.6.6.6", now: new Date(now.getTime() + 3601_000) })).ok).toBe(true);
  });
});

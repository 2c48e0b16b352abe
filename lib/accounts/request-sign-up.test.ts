import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { accounts, mailLocalMailbox, pendingSignUps, users } from "@/db/schema";
import { runQueuedJobs } from "@/lib/jobs/job-runner";
import { requestSignUp } from "./request-sign-up";
import { signUp } from "./sign-up";

const t = useTestDatabase();
const person = { name: "Pat Owner", accountName: "Pat's Shop", email: "Pat@Example.com ", password: "correct-horse-1" };
const page = { client: "10.1.1.1", appUrl: "https://app.example.com/", now: new Date("2026-03-01T10:00:00Z") };

describe("requestSignUp (issue 12: verified sign-up)", () => {
  test("answers a taken address byte for byte as a free one", async () => {
    const free = await requestSignUp({ db: t.db, input: person, ...page });
    await signUp({ db: t.db, input: { ...person, accountName: "Owner Co", password: "owner-pass-1" } });
    const taken = await requestSignUp({ db: t.db, input: person, ...page });
    expect(JSON.stringify(taken)).toBe(JSON.stringify(free));
    expect(free).toEqual({ ok: true, value: { message: "Check your email: we sent a link to pat@example.com to finish creating your account." } });
  });

  test("a free address gets a pending sign-up and a mailed link, not an account", async () => {
    const logged: string[] = [];
    await requestSignUp({ db: t.db, input: person, ...page, logLink: (line) => logged.push(line) });
    expect(await t.db.select().from(accounts)).toHaveLength(0);
    expect(await t.db.select().from(users)).toHaveLength(0);
    const [pending] = await t.db.select().from(pendingSignUps);
    expect(pending).toMatchObject({ email: "pat@example.com", name: "Pat Owner", accountName: "Pat's Shop", usedAt: null });
    expect(pending.passwordHash).not.toContain("correct-horse");
    expect(pending.expiresAt.getTime() - page.now.getTime()).toBe(24 * 3600_000);
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    const [mail] = await t.db.select().from(mailLocalMailbox);
    expect(mail.to).toBe("pat@example.com");
    const link = mail.text.match(/https:\/\/app\.example\.com\/sign-up\/confirm\/(\S+)/);
    expect(link).not.toBeNull();
    expect(pending.tokenHash).not.toContain(link![1]);
    expect(logged).toEqual([`Sign-up confirmation link for pat@example.com: ${link![0]}`]);
  });

  test("a taken address gets the 'already has an account' mail (once an hour), no pending sign-up and no logged link", async () => {
    await signUp({ db: t.db, input: { ...person, password: "owner-pass-1" } });
    const logged: string[] = [];
    await requestSignUp({ db: t.db, input: person, ...page, logLink: (line) => logged.push(line) });
    await requestSignUp({ db: t.db, input: person, ...page, logLink: (line) => logged.push(line) });
    expect(logged).toEqual([]);
    expect(await t.db.select().from(pendingSignUps)).toHaveLength(0);
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    const mails = await t.db.select().from(mailLocalMailbox).where(eq(mailLocalMailbox.to, "pat@example.com"));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("already has an account");
    expect(mails[0].text).not.toContain("/sign-up/confirm/");
  });

  test("refuses bad input with field messages and stores nothing", async () => {
    const result = await requestSignUp({ db: t.db, input: { ...person, password: "short1" }, ...page });
    expect(result).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    expect(await t.db.select().from(pendingSignUps)).toHaveLength(0);
  });

  test("keeps the per-client-address limit", async () => {
    const at = (i: number) => requestSignUp({ db: t.db, input: { ...person, email: `s${i}@example.com` }, ...page });
    for (let i = 0; i < 10; i++) expect((await at(i)).ok).toBe(true);
    expect(await at(10)).toMatchObject({ ok: false, error: expect.stringContaining("Too many") });
  });
});

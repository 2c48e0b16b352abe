import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { signUp } from "@/lib/accounts/sign-up";
import { checkSignIn, SIGN_IN_LIMITS } from "./sign-in";
import { delaySeconds, SIGN_IN_DELAY } from "./sign-in-delay";

const t = useTestDatabase();

async function account() {
  const r = await signUp({ db: t.db, input: { name: "S", accountName: "S", email: "s@example.com", password: "sign-in-pass-1" } });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe("checkSignIn", () => {
  test("accepts the right password, case-insensitive email", async () => {
    const { userId } = await account();
    expect(await checkSignIn({ db: t.db, input: { email: "S@Example.com", password: "sign-in-pass-1" }, ip: "1.1.1.1" })).toMatchObject({ ok: true, userId });
  });

  test("refuses a wrong password and an unknown email alike", async () => {
    await account();
    expect(await checkSignIn({ db: t.db, input: { email: "s@example.com", password: "wrong-pass-1" }, ip: null })).toEqual({ ok: false, reason: "wrong_credentials" });
    expect(await checkSignIn({ db: t.db, input: { email: "who@example.com", password: "wrong-pass-1" }, ip: null })).toEqual({ ok: false, reason: "wrong_credentials" });
    expect(await checkSignIn({ db: t.db, input: { email: "", password: "" }, ip: null })).toEqual({ ok: false, reason: "invalid_input" });
  });

  test("failures from anywhere never lock the right password out of a known device (issue 12, item 6)", async () => {
    await account();
    const now = new Date("2026-01-01T10:00:00Z");
    const right = { email: "s@example.com", password: "sign-in-pass-1" };
    expect(await checkSignIn({ db: t.db, input: right, ip: "1.1.1.1", now })).toMatchObject({ ok: true });
    // An attacker tries 60 wrong passwords from 20 addresses.
    for (let i = 0; i < 60; i++) {
      await checkSignIn({ db: t.db, input: { email: "s@example.com", password: "wrong-pass-1" }, ip: `10.0.0.${i % 20}`, now });
    }
    expect(await checkSignIn({ db: t.db, input: right, ip: "1.1.1.1", now })).toMatchObject({ ok: true });
  });

  test("per email and address: a few free failures, then each attempt waits twice as long, capped at 15 minutes", async () => {
    await account();
    let now = new Date("2026-01-01T10:00:00Z");
    const wrong = { email: "s@example.com", password: "wrong-pass-1" };
    const right = { email: "s@example.com", password: "sign-in-pass-1" };
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    for (let i = 0; i < SIGN_IN_DELAY.freePerPair; i++) expect(await checkSignIn({ db: t.db, input: wrong, ip: "7.7.7.7", now })).toEqual({ ok: false, reason: "wrong_credentials" });
    // Too soon, even with the right password, from this address…
    expect(await checkSignIn({ db: t.db, input: right, ip: "7.7.7.7", now: at(1) })).toEqual({ ok: false, reason: "rate_limited" });
    // …the wait doubles with each failure…
    expect(await checkSignIn({ db: t.db, input: wrong, ip: "7.7.7.7", now: at(2) })).toEqual({ ok: false, reason: "wrong_credentials" });
    now = at(2);
    expect(await checkSignIn({ db: t.db, input: right, ip: "7.7.7.7", now: at(3) })).toEqual({ ok: false, reason: "rate_limited" });
    expect(delaySeconds(SIGN_IN_DELAY.freePerPair + 1, SIGN_IN_DELAY.freePerPair)).toBe(4);
    expect(delaySeconds(100, SIGN_IN_DELAY.freePerPair)).toBe(15 * 60);
    // …and once it has passed, the right password signs in and clears the failures.
    expect(await checkSignIn({ db: t.db, input: right, ip: "7.7.7.7", now: at(4) })).toMatchObject({ ok: true });
    expect(await checkSignIn({ db: t.db, input: wrong, ip: "7.7.7.7", now: at(4) })).toEqual({ ok: false, reason: "wrong_credentials" });
  });

  test("per email from addresses that never signed in: slowed after many failures, then allowed again", async () => {
    await account();
    const now = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < SIGN_IN_DELAY.freePerEmail; i++) {
      await checkSignIn({ db: t.db, input: { email: "s@example.com", password: "wrong-pass-1" }, ip: `10.1.0.${i}`, now });
    }
    const right = { email: "s@example.com", password: "sign-in-pass-1" };
    expect(await checkSignIn({ db: t.db, input: right, ip: "5.5.5.5", now })).toEqual({ ok: false, reason: "rate_limited" });
    expect(await checkSignIn({ db: t.db, input: right, ip: "5.5.5.5", now: new Date(now.getTime() + 2000) })).toMatchObject({ ok: true });
  });

  test("limits attempts per IP across emails", async () => {
    await account();
    const now = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.perIp.limit; i++) {
      await checkSignIn({ db: t.db, input: { email: `x${i}@example.com`, password: "whatever-1" }, ip: "9.9.9.9", now });
    }
    expect(await checkSignIn({ db: t.db, input: { email: "s@example.com", password: "sign-in-pass-1" }, ip: "9.9.9.9", now })).toEqual({ ok: false, reason: "rate_limited" });
    expect(await checkSignIn({ db: t.db, input: { email: "s@example.com", password: "sign-in-pass-1" }, ip: "8.8.8.8", now })).toMatchObject({ ok: true });
  });
});

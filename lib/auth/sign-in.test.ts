import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { signUp } from "@/lib/accounts/sign-up";
import { checkSignIn, SIGN_IN_LIMITS } from "./sign-in";

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

  test("limits attempts per email, even with the right password afterwards", async () => {
    await account();
    const now = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail.limit; i++) {
      await checkSignIn({ db: t.db, input: { email: "s@example.com", password: "wrong-pass-1" }, ip: `10.0.0.${i}`, now });
    }
    expect(await checkSignIn({ db: t.db, input: { email: "s@example.com", password: "sign-in-pass-1" }, ip: "10.0.0.99", now })).toEqual({ ok: false, reason: "rate_limited" });
    const later = new Date(now.getTime() + (SIGN_IN_LIMITS.perEmail.windowSeconds + 1) * 1000);
    expect(await checkSignIn({ db: t.db, input: { email: "s@example.com", password: "sign-in-pass-1" }, ip: "10.0.0.99", now: later })).toMatchObject({ ok: true });
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

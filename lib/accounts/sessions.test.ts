import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { createTestAccount } from "./accounts.fixtures";
import { signUp } from "./sign-up";
import { checkSignIn } from "@/lib/auth/sign-in";
import { actorForSession, endAllSessions } from "./sessions";

const t = useTestDatabase();

describe("session version (issue 12: sessions can be revoked)", () => {
  test("sign-in carries the user's session version; a session with it loads the actor", async () => {
    const r = await signUp({ db: t.db, input: { name: "V", accountName: "V", email: "v@example.com", password: "version-pass-1" } });
    if (!r.ok) throw new Error(r.error);
    const signedIn = await checkSignIn({ db: t.db, input: { email: "v@example.com", password: "version-pass-1" }, ip: null });
    expect(signedIn).toMatchObject({ ok: true, userId: r.value.userId, sessionVersion: 0 });
    const session = { userId: r.value.userId, sessionVersion: 0 };
    expect(await actorForSession({ db: t.db, session })).toMatchObject({ userId: r.value.userId, accountId: r.value.accountId });
  });

  test("after endAllSessions every session minted before is refused; a new sign-in carries the new version", async () => {
    const { owner, addUser } = await createTestAccount({ db: t.db, ownerLevel: "agent" });
    const other = await addUser({ level: "agent" });
    const before = { userId: owner.userId, sessionVersion: 0 };
    await endAllSessions({ db: t.db, userId: owner.userId });
    expect(await actorForSession({ db: t.db, session: before })).toBeNull();
    expect(await actorForSession({ db: t.db, session: { userId: owner.userId, sessionVersion: 1 } })).toMatchObject({ userId: owner.userId });
    // Another user's sessions are untouched.
    expect(await actorForSession({ db: t.db, session: { userId: other.userId, sessionVersion: 0 } })).toMatchObject({ userId: other.userId });
  });

  test("a session without a version (minted before versions existed), a forged shape or no session loads nobody", async () => {
    const { owner } = await createTestAccount({ db: t.db });
    expect(await actorForSession({ db: t.db, session: { userId: owner.userId } })).toBeNull();
    expect(await actorForSession({ db: t.db, session: { userId: owner.userId, sessionVersion: "0" } })).toBeNull();
    expect(await actorForSession({ db: t.db, session: { userId: "not-a-uuid", sessionVersion: 0 } })).toBeNull();
    expect(await actorForSession({ db: t.db, session: null })).toBeNull();
  });
});

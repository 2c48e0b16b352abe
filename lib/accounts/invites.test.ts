import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { mailLocalMailbox, users } from "@/db/schema";
import { ForbiddenError } from "@/lib/access/permissions";
import { checkSignIn } from "@/lib/auth/sign-in";
import { loadActor } from "./actor";
import { acceptInvite, createInvite, findOpenInvite, INVITE_LIFETIME_DAYS } from "./invites";
import { listMembers } from "./members";
import { signUp } from "./sign-up";
import { runQueuedJobs } from "@/lib/jobs/job-runner";

const t = useTestDatabase();
const appUrl = "http://localhost:3000";

async function owner(email = "owner@example.com") {
  const result = await signUp({
    db: t.db,
    input: { name: "Owner", accountName: `Acct ${email}`, email, password: "owner-password-1" },
  });
  if (!result.ok) throw new Error(result.error);
  return (await loadActor({ db: t.db, userId: result.value.userId }))!;
}
const tokenOf = (link: string) => link.split("/invite/")[1];

describe("invites", () => {
  test("an admin invites; the link is mailed to the outbox; the invitee joins and can sign in", async () => {
    const admin = await owner();
    const invite = await createInvite({ db: t.db, actor: admin, input: { email: "New@Example.com" }, appUrl });
    expect(invite.ok).toBe(true);
    if (!invite.ok) return;
    // The mail is a job written with the invite; the job runner sends it.
    expect(await t.db.select().from(mailLocalMailbox)).toHaveLength(0);
    expect(await runQueuedJobs({ db: t.db })).toBe(1);
    const [mail] = await t.db.select().from(mailLocalMailbox);
    expect(mail.to).toBe("new@example.com");
    expect(mail.text).toContain(invite.value.link);

    const joined = await acceptInvite({
      db: t.db,
      input: { token: tokenOf(invite.value.link), name: "Newbie", password: "newbie-password-1" },
    });
    expect(joined).toMatchObject({ ok: true, value: { email: "new@example.com" } });
    const members = await listMembers({ db: t.db, actor: admin });
    expect(members.map((m) => m.email).sort()).toEqual(["new@example.com", "owner@example.com"]);
    const signIn = await checkSignIn({ db: t.db, input: { email: "new@example.com", password: "newbie-password-1" }, ip: null });
    expect(signIn).toMatchObject({ ok: true, accountId: admin.accountId });
  });

  test("an invite as admin puts the new user in the Admin group", async () => {
    const admin = await owner();
    const invite = await createInvite({ db: t.db, actor: admin, input: { email: "boss@example.com", asAdmin: true }, appUrl });
    if (!invite.ok) throw new Error(invite.error);
    const joined = await acceptInvite({ db: t.db, input: { token: tokenOf(invite.value.link), name: "Boss", password: "boss-password-1" } });
    if (!joined.ok) throw new Error(joined.error);
    expect(await loadActor({ db: t.db, userId: joined.value.userId })).toMatchObject({ isAdmin: true, isPrimaryAdmin: false });
  });

  test("a non-admin cannot invite", async () => {
    const admin = await owner();
    const invite = await createInvite({ db: t.db, actor: admin, input: { email: "member@example.com" }, appUrl });
    if (!invite.ok) throw new Error(invite.error);
    const joined = await acceptInvite({ db: t.db, input: { token: tokenOf(invite.value.link), name: "M", password: "member-password-1" } });
    if (!joined.ok) throw new Error(joined.error);
    const member = (await loadActor({ db: t.db, userId: joined.value.userId }))!;
    await expect(createInvite({ db: t.db, actor: member, input: { email: "x@example.com" }, appUrl })).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("unknown, expired and used tokens are refused with a clear message and create no user", async () => {
    const admin = await owner();
    const past = new Date(Date.now() - (INVITE_LIFETIME_DAYS + 1) * 24 * 3600 * 1000);
    const old = await createInvite({ db: t.db, actor: admin, input: { email: "late@example.com" }, appUrl, now: past });
    if (!old.ok) throw new Error(old.error);
    const input = (token: string) => ({ token, name: "X", password: "some-password-1" });

    expect(await acceptInvite({ db: t.db, input: input("nope") })).toMatchObject({ ok: false, error: expect.stringContaining("not valid") });
    expect(await acceptInvite({ db: t.db, input: input(tokenOf(old.value.link)) })).toMatchObject({ ok: false, error: expect.stringContaining("expired") });
    expect(await findOpenInvite({ db: t.db, token: tokenOf(old.value.link) })).toEqual({ status: "expired" });

    const fresh = await createInvite({ db: t.db, actor: admin, input: { email: "once@example.com" }, appUrl });
    if (!fresh.ok) throw new Error(fresh.error);
    expect((await acceptInvite({ db: t.db, input: input(tokenOf(fresh.value.link)) })).ok).toBe(true);
    expect(await acceptInvite({ db: t.db, input: input(tokenOf(fresh.value.link)) })).toMatchObject({ ok: false, error: expect.stringContaining("already been used") });
    expect(await t.db.select().from(users).where(eq(users.email, "late@example.com"))).toHaveLength(0);
  });

  test("a weak password on the invite page is refused and the invite stays open", async () => {
    const admin = await owner();
    const invite = await createInvite({ db: t.db, actor: admin, input: { email: "weak@example.com" }, appUrl });
    if (!invite.ok) throw new Error(invite.error);
    const token = tokenOf(invite.value.link);
    expect(await acceptInvite({ db: t.db, input: { token, name: "W", password: "123" } })).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    expect(await findOpenInvite({ db: t.db, token })).toEqual({ status: "open", email: "weak@example.com" });
  });

  test("inviting an existing member of one's own account is refused", async () => {
    const admin = await owner();
    expect(await createInvite({ db: t.db, actor: admin, input: { email: "owner@example.com" }, appUrl })).toMatchObject({ ok: false, error: expect.stringContaining("already a member") });
  });

  test("inviting another account's user answers exactly as for a free address and mails the user instead (issue 12: no account enumeration)", async () => {
    const admin = await owner();
    await owner("other@example.com");
    // The link's token and the invite's id are random per invite; everything else must be the same bytes.
    const shape = (result: unknown, email: string) =>
      JSON.stringify(result)
        .replace(/\/invite\/[A-Za-z0-9_-]+/g, "/invite/TOKEN")
        .replace(/"inviteId":"[0-9a-f-]+"/, '"inviteId":"ID"')
        .replaceAll(email, "EMAIL");
    const taken = await createInvite({ db: t.db, actor: admin, input: { email: "other@example.com" }, appUrl });
    const free = await createInvite({ db: t.db, actor: admin, input: { email: "free@example.com" }, appUrl });
    expect(taken.ok).toBe(true);
    expect(shape(taken, "other@example.com")).toBe(shape(free, "free@example.com"));

    expect(await runQueuedJobs({ db: t.db })).toBe(2);
    const mails = await t.db.select().from(mailLocalMailbox);
    const toTaken = mails.find((m) => m.to === "other@example.com")!;
    expect(toTaken.text).toContain("already has an account");
    expect(toTaken.text).toContain(`${appUrl}/sign-in`);
    expect(toTaken.text).not.toContain("/invite/");
    expect(mails.find((m) => m.to === "free@example.com")!.text).toContain("/invite/");
    // Nobody joins through the invite made for a taken address.
    if (!taken.ok) return;
    expect(await acceptInvite({ db: t.db, input: { token: tokenOf(taken.value.link), name: "X", password: "x-password-123" } })).toMatchObject({ ok: false });
  });

  test("one account's admin sees none of another account's users", async () => {
    const a = await owner("a@example.com");
    const b = await owner("b@example.com");
    expect((await listMembers({ db: t.db, actor: a })).map((m) => m.email)).toEqual(["a@example.com"]);
    expect((await listMembers({ db: t.db, actor: b })).map((m) => m.email)).toEqual(["b@example.com"]);
  });
});

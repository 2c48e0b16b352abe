import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { addSmsNumber } from "@/lib/channels/sms/sms-number-settings";
import { createTestAccount } from "./accounts.fixtures";
import { firstRunChecklist, hasAnyConversation } from "./first-run";
import { createInvite } from "./invites";

const t = useTestDatabase();
const done = async (actor: Parameters<typeof firstRunChecklist>[0]["actor"]) =>
  Object.fromEntries((await firstRunChecklist({ db: t.db, actor })).map((s) => [s.key, s.done]));

describe("first-run checklist", () => {
  it("each step is ticked from real state: a channel, a teammate or invite, an Agent", async () => {
    const a = await createTestAccount({ db: t.db, included: 2 });
    expect(await done(a.owner)).toEqual({ channel: false, team: false, agents: false });
    expect(await hasAnyConversation({ db: t.db, accountId: a.accountId })).toBe(false);

    await addSmsNumber({ db: t.db, actor: a.owner, input: { number: `+1415${String(Date.now()).slice(-7)}` } });
    const invited = await createInvite({ db: t.db, actor: a.owner, input: { email: `mate-${Date.now()}@example.com` }, appUrl: "http://app.test" });
    expect(invited).toMatchObject({ ok: true });
    expect(await done(a.owner)).toEqual({ channel: true, team: true, agents: false });
    await a.addUser({ level: "agent" });
    expect(await done(a.owner)).toEqual({ channel: true, team: true, agents: true });
  });

  it("is for admins: agents, viewers and No access are refused", async () => {
    const a = await createTestAccount({ db: t.db });
    for (const level of ["agent", "viewer", "none"] as const) {
      const user = await a.addUser({ level });
      await expect(firstRunChecklist({ db: t.db, actor: user })).rejects.toThrow(ForbiddenError);
    }
  });
});

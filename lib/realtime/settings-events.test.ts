import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { events } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import type { Actor } from "@/lib/access/permissions";
import { createGroup } from "@/lib/accounts/groups";
import { createBotApiKey } from "@/lib/channels/bot/bot-api-keys";
import { authorizeChannel } from "./authorize-channel";
import { currentEventSeq, eventsAfter, visibleRealtimeChannels } from "./catch-up";
import { accountChannel, adminsChannel, userChannel } from "./realtime-channel-names";
import { accountWithRoles, labelled } from "./realtime.fixtures";
import { recordEvents } from "./outbox";
import { serverClient } from "./realtime-clients.fixtures";

const t = useTestDatabase();
const pusher = serverClient(1);

async function typesSeenBy(actor: Actor) {
  const page = await eventsAfter({ db: t.db, actor, afterSeq: 0 });
  if (!page.ok) throw new Error(page.error);
  return page.value.events.map((e) => e.type);
}

// Decision 0050: Settings pages update live for every admin of the account — "No access" admins too — over the admins' channel.
describe("settings events reach every admin of the account, and only them", () => {
  test("channel and group changes go out on the admins' channel, without secrets; a No-access admin catches them up, agents and viewers never see them", async () => {
    const acme = await accountWithRoles(t.db);
    const other = await accountWithRoles(t.db, "Other");
    const created = await createBotApiKey({ db: t.db, actor: acme.primaryAdmin, input: { name: "Zapier" } });
    if (!created.ok) throw new Error(created.error);
    expect(await createGroup({ db: t.db, actor: acme.primaryAdmin, input: { name: "Billing" } })).toMatchObject({ ok: true });

    const rows = await t.db.select().from(events).where(eq(events.accountId, acme.accountId));
    const settings = rows.filter((e) => e.type === "channels.changed" || e.type === "groups.changed");
    expect(settings.map((e) => e.type).sort()).toEqual(["channels.changed", "groups.changed"]);
    for (const e of settings) expect(e.channel).toBe(adminsChannel(acme.accountId));
    expect(JSON.stringify(rows.map((e) => e.payload))).not.toContain(created.value.key);
    expect(JSON.stringify(rows.map((e) => e.payload))).not.toContain(created.value.key.slice(-4));

    // acme.admin is an admin at "No access".
    expect(await typesSeenBy(acme.admin)).toEqual(["channels.changed", "groups.changed"]);
    expect(await typesSeenBy(acme.primaryAdmin)).toEqual(expect.arrayContaining(["channels.changed", "groups.changed"]));
    for (const nonAdmin of [acme.agent, acme.viewer]) {
      expect(await typesSeenBy(nonAdmin)).not.toContain("channels.changed");
      expect(await typesSeenBy(nonAdmin)).not.toContain("groups.changed");
    }
    expect(await typesSeenBy(other.primaryAdmin)).toEqual([]);
  });

  test("the admins' channel: granted to the account's admins at any level, refused to everyone else", async () => {
    const acme = await accountWithRoles(t.db);
    const other = await accountWithRoles(t.db, "Other");
    const grant = (actor: Actor | null) => authorizeChannel({ actor, socketId: "1.2", channelName: adminsChannel(acme.accountId), pusher }).ok;
    expect([acme.admin, acme.primaryAdmin].map(grant)).toEqual([true, true]);
    expect([acme.agent, acme.viewer, acme.noAccess, other.primaryAdmin, null].map(grant)).toEqual([false, false, false, false, false]);
    expect(visibleRealtimeChannels(acme.admin)).toEqual([adminsChannel(acme.accountId)]);
    expect(visibleRealtimeChannels(acme.agent)).toEqual([accountChannel(acme.accountId), userChannel(acme.agent.userId)]);
    expect(visibleRealtimeChannels(acme.noAccess)).toEqual([]);
  });

  test("a No-access admin's head is the last event they may see, not the account's count of inbox events", async () => {
    const acme = await accountWithRoles(t.db);
    await createGroup({ db: t.db, actor: acme.primaryAdmin, input: { name: "Sales" } });
    const adminHead = await currentEventSeq({ db: t.db, actor: acme.admin });
    for (let i = 0; i < 3; i++) await t.db.transaction((tx) => recordEvents({ tx, events: [labelled(acme.accountId, `inbox-${i}`)] }));
    expect(await currentEventSeq({ db: t.db, actor: acme.admin })).toBe(adminHead);
    expect(await currentEventSeq({ db: t.db, actor: acme.agent })).toBe(adminHead + 3);
    const page = await eventsAfter({ db: t.db, actor: acme.admin, afterSeq: 0 });
    expect(page).toMatchObject({ ok: true, value: { head: adminHead, hasMore: false } });
  });
});

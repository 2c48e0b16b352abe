import { createHmac } from "node:crypto";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import type { Actor } from "@/lib/access/permissions";
import { accountChannel, userChannel } from "@/lib/realtime/realtime-channel-names";
import { LOCAL_REALTIME_DEFAULTS } from "@/lib/realtime/config";
import { recordEvents } from "@/lib/realtime/outbox";
import { accountWithRoles, labelled } from "@/lib/realtime/realtime.fixtures";

const session = vi.hoisted(() => ({ actor: null as Actor | null, db: null as unknown }));
vi.mock("@/app/(auth)/current-actor", () => ({ getCurrentActor: async () => session.actor }));
vi.mock("@/db/client", () => ({ getDb: async () => session.db }));

const { POST: authorize } = await import("./auth/route");
const { GET: catchUp } = await import("./events/route");

const t = useTestDatabase();
beforeEach(() => {
  session.db = t.db;
  session.actor = null;
});

const authRequest = (body: Record<string, string>) =>
  new Request("http://app.test/api/realtime/auth", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
  });

describe("POST /api/realtime/auth", () => {
  test("signs the account channel for an agent, as pusher-js expects; 403 for No access and anonymous", async () => {
    const acme = await accountWithRoles(t.db);
    const channel = accountChannel(acme.accountId);
    session.actor = acme.agent;
    const ok = await authorize(authRequest({ socket_id: "1.2", channel_name: channel }));
    expect(ok.status).toBe(200);
    const signature = createHmac("sha256", LOCAL_REALTIME_DEFAULTS.secret).update(`1.2:${channel}`).digest("hex");
    expect(await ok.json()).toEqual({ auth: `${LOCAL_REALTIME_DEFAULTS.key}:${signature}` });

    session.actor = acme.noAccess;
    expect((await authorize(authRequest({ socket_id: "1.2", channel_name: channel }))).status).toBe(403);
    session.actor = null;
    expect((await authorize(authRequest({ socket_id: "1.2", channel_name: channel }))).status).toBe(403);
    session.actor = acme.agent;
    expect((await authorize(authRequest({ channel_name: channel }))).status).toBe(400);
  });
});

describe("GET /api/realtime/events", () => {
  test("returns the caller's events after N; the head without N; 401/403/400 otherwise", async () => {
    const acme = await accountWithRoles(t.db);
    await t.db.transaction((tx) =>
      recordEvents({
        tx,
        events: [
          labelled(acme.accountId, "a"),
          labelled(acme.accountId, "for-viewer", userChannel(acme.viewer.userId)),
          labelled(acme.accountId, "b"),
        ],
      }),
    );
    const get = (query: string) => catchUp(new Request(`http://app.test/api/realtime/events${query}`));

    session.actor = acme.agent;
    const page = await (await get("?after=1")).json();
    expect(page).toEqual({
      events: [{ seq: 3, type: "contact.changed", realtimeChannel: accountChannel(acme.accountId), payload: { contactId: "b" } }],
      head: 3,
      hasMore: false,
    });
    expect(await (await get("")).json()).toEqual({ events: [], head: 3, hasMore: false });
    expect((await get("?after=-4")).status).toBe(400);

    session.actor = acme.noAccess;
    expect((await get("?after=0")).status).toBe(403);
    session.actor = null;
    expect((await get("?after=0")).status).toBe(401);
  });
});

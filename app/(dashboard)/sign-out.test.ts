import { beforeEach, describe, expect, test, vi } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { accountChannel } from "@/lib/realtime/realtime-channel-names";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";

// The real current-actor and routes; only next-auth's cookie reading and writing are stood in for.
const jar = vi.hoisted(() => ({ session: null as Record<string, unknown> | null, db: null as unknown }));
vi.mock("@/app/(auth)/auth", () => ({
  auth: async () => jar.session,
  signOut: async () => {
    jar.session = null;
  },
}));
vi.mock("@/db/client", () => ({ getDb: async () => jar.db }));

const { signOutAction } = await import("./actions");
const { POST: authorizeChannel } = await import("@/app/api/realtime/auth/route");
const { GET: catchUp } = await import("@/app/api/realtime/events/route");

const t = useTestDatabase();
beforeEach(() => {
  jar.db = t.db;
  jar.session = null;
});

const channelRequest = (channel: string) =>
  new Request("http://app.test/api/realtime/auth", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ socket_id: "1.2", channel_name: channel }),
  });

describe("sign-out ends every session of the user (issue 12)", () => {
  test("a token minted before sign-out, replayed from another browser, is refused by the realtime grant and catch-up", async () => {
    const a = await createInboxAccount(t.db);
    const minted = { userId: a.alice.userId, accountId: a.accountId, sessionVersion: 0 };
    jar.session = { ...minted };
    expect((await authorizeChannel(channelRequest(accountChannel(a.accountId)))).status).toBe(200);
    expect((await catchUp(new Request("http://app.test/api/realtime/events"))).status).toBe(200);

    jar.session = { ...minted };
    await signOutAction();

    jar.session = { ...minted }; // the other browser still holds the old cookie
    expect((await authorizeChannel(channelRequest(accountChannel(a.accountId)))).status).toBe(403);
    expect((await catchUp(new Request("http://app.test/api/realtime/events"))).status).toBe(401);
  });
});

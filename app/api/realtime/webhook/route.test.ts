import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { agentStatuses } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { LOCAL_REALTIME_DEFAULTS } from "@/lib/realtime/config";
import { presenceAccountChannel } from "@/lib/realtime/realtime-channel-names";

const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/db/client", () => ({ getDb: async () => session.db }));
const { POST } = await import("./route");

const t = useTestDatabase();
beforeEach(() => {
  session.db = t.db;
});

function webhook(events: object[], secret = LOCAL_REALTIME_DEFAULTS.secret) {
  const body = JSON.stringify({ time_ms: Date.now(), events });
  return new Request("http://app.test/api/realtime/webhook", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-pusher-key": LOCAL_REALTIME_DEFAULTS.key,
      "x-pusher-signature": createHmac("sha256", secret).update(body).digest("hex"),
    },
    body,
  });
}

describe("POST /api/realtime/webhook: inbox presence (automatic assignment's availability)", () => {
  test("member_added / member_removed on presence-account record the agent's open inbox; forged or cross-account events record nothing", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other");
    const channel = presenceAccountChannel(a.accountId);
    const status = async () => (await t.db.select().from(agentStatuses).where(eq(agentStatuses.userId, a.alice.userId)))[0];

    expect((await POST(webhook([{ name: "member_added", channel, user_id: a.alice.userId }], "not-the-secret"))).status).toBe(401);
    expect(await status()).toBeUndefined();

    expect((await POST(webhook([{ name: "member_added", channel, user_id: other.alice.userId }]))).status).toBe(200);
    expect(await t.db.select().from(agentStatuses)).toEqual([]);

    expect((await POST(webhook([{ name: "member_added", channel, user_id: a.alice.userId }]))).status).toBe(200);
    expect(await status()).toMatchObject({ online: true, availability: "available" });
    expect((await POST(webhook([{ name: "member_removed", channel, user_id: a.alice.userId }]))).status).toBe(200);
    expect(await status()).toMatchObject({ online: false, lastSeenAt: expect.any(Date) });
  });
});

import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import type { Actor } from "@/lib/access/permissions";
import { authorizeChannel, type RealtimePrincipal } from "./authorize-channel";
import { accountChannel, adminsChannel, presenceAccountChannel, userChannel, visitorChannel, visitorPresenceChannel } from "./realtime-channel-names";
import { accountWithRoles } from "./realtime.fixtures";
import { serverClient, testApp } from "./realtime-clients.fixtures";

const t = useTestDatabase();
const pusher = serverClient(1);
const socketId = "123.456";

type Role = "anonymous" | "otherAccountAdmin" | "noAccess" | "viewer" | "agent" | "admin" | "primaryAdmin" | "visitor" | "otherVisitor";
const roles: Role[] = ["anonymous", "otherAccountAdmin", "noAccess", "viewer", "agent", "admin", "primaryAdmin", "visitor", "otherVisitor"];

// The expected grants, written out from SPEC §2 (the admin here has access level "No access").
const expected: Record<string, Role[]> = {
  "account channel": ["viewer", "agent", "primaryAdmin"],
  "account presence": ["viewer", "agent", "primaryAdmin"],
  // Settings events (Channels, Team, Roles, Manage Seats): every admin of the account, whatever their level.
  "admins channel": ["admin", "primaryAdmin"],
  // The other account's admin is an agent in their own account: their own user channel is theirs.
  "own user channel": ["otherAccountAdmin", "viewer", "agent", "primaryAdmin"],
  "the agent's user channel": ["agent"],
  "visitor channel": ["visitor"],
  "visitor presence": ["visitor"],
  "visitor presence named for another account": [],
  "public channel": [],
  "encrypted account channel": [],
  "unknown private channel": [],
};

describe("authorizeChannel: every channel kind × every role", async () => {
  test("grants exactly what SPEC §2 allows", async () => {
    const acme = await accountWithRoles(t.db);
    const other = await accountWithRoles(t.db, "Other");
    const conversationId = "6f1c9c1e-0000-4000-8000-000000000001";
    const principals: Record<Role, RealtimePrincipal> = {
      anonymous: null,
      otherAccountAdmin: other.primaryAdmin,
      noAccess: acme.noAccess,
      viewer: acme.viewer,
      agent: acme.agent,
      admin: acme.admin,
      primaryAdmin: acme.primaryAdmin,
      visitor: { kind: "visitor", accountId: acme.accountId, conversationId, visitorId: "v1" },
      otherVisitor: { kind: "visitor", accountId: acme.accountId, conversationId: "6f1c9c1e-0000-4000-8000-000000000002", visitorId: "v2" },
    };
    const channelFor = (kind: string, principal: RealtimePrincipal): string => {
      const own = principal && !("kind" in principal) ? (principal as Actor).userId : "nobody";
      return {
        "account channel": accountChannel(acme.accountId),
        "account presence": presenceAccountChannel(acme.accountId),
        "admins channel": adminsChannel(acme.accountId),
        "own user channel": userChannel(own),
        "the agent's user channel": userChannel(acme.agent.userId),
        "visitor channel": visitorChannel(conversationId),
        "visitor presence": visitorPresenceChannel(acme.accountId, conversationId),
        "visitor presence named for another account": visitorPresenceChannel(other.accountId, conversationId),
        "public channel": "news",
        "encrypted account channel": `private-encrypted-account-${acme.accountId}`,
        "unknown private channel": `private-${acme.accountId}`,
      }[kind]!;
    };

    const actual: Record<string, Role[]> = {};
    for (const kind of Object.keys(expected)) {
      actual[kind] = roles.filter((role) => {
        const result = authorizeChannel({ actor: principals[role], socketId, channelName: channelFor(kind, principals[role]), pusher });
        if (!result.ok) expect(result.status).toBe(403);
        return result.ok;
      });
    }
    expect(actual).toEqual(expected);
    // Refused here only for being in another account: their own account's channel is granted.
    expect(authorizeChannel({ actor: other.primaryAdmin, socketId, channelName: accountChannel(other.accountId), pusher }).ok).toBe(true);
  });

  test("the grant is the HMAC the realtime server checks; presence carries the user id", async () => {
    const acme = await accountWithRoles(t.db);
    const channelName = presenceAccountChannel(acme.accountId);
    const result = authorizeChannel({ actor: acme.agent, socketId, channelName, pusher, userInfo: { name: "agent" } });
    if (!result.ok) throw new Error("refused");
    const channelData = JSON.parse(result.auth.channel_data!);
    expect(channelData).toEqual({ user_id: acme.agent.userId, user_info: { name: "agent" } });
    const signature = createHmac("sha256", testApp.secret).update(`${socketId}:${channelName}:${result.auth.channel_data}`).digest("hex");
    expect(result.auth.auth).toBe(`${testApp.key}:${signature}`);
  });

  test("bad socket ids and channel names are rejected with 400", async () => {
    const acme = await accountWithRoles(t.db);
    for (const [badSocket, badChannel] of [
      ["abc", accountChannel(acme.accountId)],
      [undefined, accountChannel(acme.accountId)],
      [socketId, "private-account-x y"],
      [socketId, undefined],
    ]) {
      expect(authorizeChannel({ actor: acme.agent, socketId: badSocket, channelName: badChannel, pusher })).toMatchObject({
        ok: false,
        status: 400,
      });
    }
  });
});

import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { agentStatuses, conversations, messages, notifications } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError, type Actor } from "@/lib/access/permissions";
import { completeConversation } from "../complete";
import { createInboxAccount, inbound, type InboxAccount } from "../inbox.fixtures";
import { getAgentStatus, recordInboxPresence, setAvailability } from "./agent-status";
import { updateAssignmentSettings } from "./assignment-settings";

const t = useTestDatabase({ poolSize: 25 });

async function configure(a: InboxAccount, mode: "off" | "round_robin" | "least_open", maxOpenPerAgent: number | string = "") {
  const result = await updateAssignmentSettings({ db: t.db, actor: a.owner, input: { mode, maxOpenPerAgent, awayAfterMinutes: 10 } });
  if (!result.ok) throw new Error(result.error);
}

/** The agent has an inbox tab open (presence) and chose Available. */
async function available(a: InboxAccount, ...agents: Actor[]) {
  for (const agent of agents) expect(await recordInboxPresence({ db: t.db, accountId: a.accountId, userId: agent.userId, online: true })).toBe(true);
}

async function assigneesOf(ids: string[]) {
  const rows = await t.db.select({ id: conversations.id, assigneeId: conversations.assigneeId }).from(conversations);
  return ids.map((id) => rows.find((r) => r.id === id)?.assigneeId ?? null);
}

const countBy = (ids: (string | null)[]) => ids.reduce<Record<string, number>>((acc, id) => ({ ...acc, [id ?? "none"]: (acc[id ?? "none"] ?? 0) + 1 }), {});

describe("automatic assignment (issue 16)", () => {
  test("off by default: a new conversation arrives Unassigned and every agent is notified", async () => {
    const a = await createInboxAccount(t.db);
    await available(a, a.alice, a.bob);
    const { conversationId } = await inbound(t.db, a.accountId);
    expect(await assigneesOf([conversationId])).toEqual([null]);
    const notified = await t.db.select().from(notifications).where(eq(notifications.conversationId, conversationId));
    expect(notified.map((n) => n.kind)).toEqual(["new_conversation", "new_conversation", "new_conversation", "new_conversation"]);
  });

  test("20 messages from 20 contacts at once, round-robin over 4 available agents: 5 each", async () => {
    const a = await createInboxAccount(t.db);
    await configure(a, "round_robin");
    const four = [a.owner, a.alice, a.bob, a.carol];
    await available(a, ...four);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => inbound(t.db, a.accountId, { email: `rr-${i}@example.com`, body: `Hello ${i}` })),
    );
    const spread = countBy(await assigneesOf(results.map((r) => r.conversationId)));
    expect(spread).toEqual(Object.fromEntries(four.map((x) => [x.userId, 5])));
    // Each with its status message and one notification to its assignee.
    const status = await t.db.select().from(messages).where(eq(messages.kind, "status"));
    expect(status).toHaveLength(20);
    expect(status.every((m) => m.body.startsWith("Assigned automatically to "))).toBe(true);
    const assigned = await t.db.select().from(notifications).where(eq(notifications.kind, "assigned"));
    expect(countBy(assigned.map((n) => n.userId))).toEqual(spread);
    expect(await t.db.select().from(notifications).where(eq(notifications.kind, "new_conversation"))).toEqual([]);
  });

  test("20 completed conversations reopened at once (no counter row serializes them): the settings lock still gives 5 each", async () => {
    const a = await createInboxAccount(t.db);
    const four = [a.owner, a.alice, a.bob, a.carol];
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push((await inbound(t.db, a.accountId, { email: `re-${i}@example.com` })).conversationId);
    for (const conversationId of ids) await completeConversation({ db: t.db, actor: a.alice, input: { conversationId } });
    await configure(a, "round_robin");
    await available(a, ...four);
    await Promise.all(ids.map((_, i) => inbound(t.db, a.accountId, { email: `re-${i}@example.com`, body: "Again" })));
    expect(countBy(await assigneesOf(ids))).toEqual(Object.fromEntries(four.map((x) => [x.userId, 5])));
  });

  test("an away agent gets none: one who chose Away, one whose last inbox tab closed longer ago than the delay, one never seen", async () => {
    const a = await createInboxAccount(t.db);
    await configure(a, "round_robin");
    await available(a, a.alice, a.bob, a.carol);
    expect(await setAvailability({ db: t.db, actor: a.carol, input: { availability: "away" } })).toMatchObject({ ok: true });
    await recordInboxPresence({ db: t.db, accountId: a.accountId, userId: a.bob.userId, online: false });
    await t.db.update(agentStatuses).set({ lastSeenAt: new Date(Date.now() - 11 * 60_000) }).where(eq(agentStatuses.userId, a.bob.userId));
    // a.owner never opened the inbox.
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await inbound(t.db, a.accountId, { email: `away-${i}@example.com` })).conversationId);
    expect(countBy(await assigneesOf(ids))).toEqual({ [a.alice.userId]: 4 });
    expect(await getAgentStatus({ db: t.db, actor: a.carol })).toEqual({ availability: "away", availableNow: false });
    expect(await getAgentStatus({ db: t.db, actor: a.bob })).toEqual({ availability: "available", availableNow: false });
    expect(await getAgentStatus({ db: t.db, actor: a.alice })).toEqual({ availability: "available", availableNow: true });
    // Bob closed his tab 5 minutes ago: within the delay he still counts as available.
    await t.db.update(agentStatuses).set({ lastSeenAt: new Date(Date.now() - 5 * 60_000) }).where(eq(agentStatuses.userId, a.bob.userId));
    const next = (await inbound(t.db, a.accountId, { email: "away-late@example.com" })).conversationId;
    expect(await assigneesOf([next])).toEqual([a.bob.userId]);
  });

  test("the cap of open conversations is honoured; with everyone full, the conversation stays Unassigned and all agents are notified", async () => {
    const a = await createInboxAccount(t.db);
    await configure(a, "round_robin", "2");
    await available(a, a.alice, a.bob);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await inbound(t.db, a.accountId, { email: `cap-${i}@example.com` })).conversationId);
    const spread = countBy(await assigneesOf(ids));
    expect(spread).toEqual({ [a.alice.userId]: 2, [a.bob.userId]: 2, none: 1 });
    const [last] = await assigneesOf([ids[4]]);
    expect(last).toBeNull();
    const notified = await t.db.select().from(notifications).where(and(eq(notifications.conversationId, ids[4]), eq(notifications.kind, "new_conversation")));
    expect(notified).toHaveLength(4);
    // Completing one frees a place under the cap, for the agent who held it.
    const [holder] = await assigneesOf([ids[0]]);
    await completeConversation({ db: t.db, actor: a.alice, input: { conversationId: ids[0] } });
    const freed = (await inbound(t.db, a.accountId, { email: "cap-late@example.com" })).conversationId;
    expect(await assigneesOf([freed])).toEqual([holder]);
  });

  test("fewest open: the agent holding fewer open conversations gets the next; a reopened conversation is assigned too", async () => {
    const a = await createInboxAccount(t.db);
    await available(a, a.alice, a.bob);
    await configure(a, "round_robin");
    const first = (await inbound(t.db, a.accountId, { email: "lo-1@example.com" })).conversationId;
    const second = (await inbound(t.db, a.accountId, { email: "lo-2@example.com" })).conversationId;
    const [x, y] = await assigneesOf([first, second]);
    expect(new Set([x, y])).toEqual(new Set([a.alice.userId, a.bob.userId]));
    await configure(a, "least_open");
    const holder = (await assigneesOf([first]))[0]!;
    const holderActor = holder === a.alice.userId ? a.alice : a.bob;
    await completeConversation({ db: t.db, actor: holderActor, input: { conversationId: first } });
    // Now the holder of `first` has 0 open, the other 1: the next goes to the holder.
    const third = (await inbound(t.db, a.accountId, { email: "lo-3@example.com" })).conversationId;
    expect(await assigneesOf([third])).toEqual([holder]);
    // The contact of `first` writes again: it reopens Unassigned and is assigned automatically (fewest open: the other agent, 1 vs 2).
    await inbound(t.db, a.accountId, { email: "lo-1@example.com", body: "Me again" });
    const other = holder === a.alice.userId ? a.bob.userId : a.alice.userId;
    expect(await assigneesOf([first])).toEqual([other]);
  });

  test("only admins change the settings; bad input changes nothing; presence is recorded only for users of that account", async () => {
    const a = await createInboxAccount(t.db);
    const other = await createInboxAccount(t.db, "Other");
    for (const who of [a.alice, a.viewer, a.nobody]) {
      await expect(updateAssignmentSettings({ db: t.db, actor: who, input: { mode: "round_robin", maxOpenPerAgent: "", awayAfterMinutes: 10 } })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await updateAssignmentSettings({ db: t.db, actor: a.owner, input: { mode: "everyone", maxOpenPerAgent: "0", awayAfterMinutes: "x" } })).toMatchObject({
      ok: false,
      fieldErrors: { mode: expect.any(String), maxOpenPerAgent: "The cap is at least 1.", awayAfterMinutes: expect.any(String) },
    });
    await expect(setAvailability({ db: t.db, actor: a.viewer, input: { availability: "available" } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await recordInboxPresence({ db: t.db, accountId: a.accountId, userId: other.alice.userId, online: true })).toBe(false);
    expect(await recordInboxPresence({ db: t.db, accountId: a.accountId, userId: "not-a-uuid", online: true })).toBe(false);
    expect(await t.db.select().from(agentStatuses)).toEqual([]);
    await available(a, a.alice);
    const { conversationId } = await inbound(t.db, a.accountId);
    expect(await assigneesOf([conversationId])).toEqual([null]);
  });
});

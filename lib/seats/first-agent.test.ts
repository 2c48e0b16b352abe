import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/database";
import { accountSeats, events, roleChanges, users } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { createTestAccount, levelOf } from "@/lib/accounts/accounts.fixtures";
import { signUp } from "@/lib/accounts/sign-up";
import type { Actor } from "@/lib/access/permissions";
import { ensureBillingAccount } from "@/lib/billing/billing-account";
import { localProvider } from "@/lib/billing/local-provider";
import { confirmSeatPurchase, previewSeatChange } from "@/lib/billing/seat-change";
import { settleEvent, type SubscriptionSnapshot } from "@/lib/billing/settlement";
import { startTrial } from "@/lib/billing/start-trial";
import { setAccessLevel } from "@/lib/roles/set-access-level";
import { seatSummary } from "./capacity";
import { includedFreeSeats } from "./included-seats";

const t = useTestDatabase();
const now = new Date("2026-11-29T12:00:00Z");
const env = { TRIAL_DAYS: "14", TRIAL_SEATS: "3" };

async function buy(actor: Actor, seats: number) {
  const preview = await previewSeatChange({ db: t.db, actor, input: { seats }, provider: localProvider });
  if (!preview.ok) throw new Error(preview.error);
  const input = { seats, prorationDate: preview.value.prorationDate, idempotencyKey: preview.value.idempotencyKey };
  return confirmSeatPurchase({ db: t.db, actor, input, provider: localProvider });
}

const roleChangesOf = (db: Db, userId: string) => db.select().from(roleChanges).where(eq(roleChanges.userId, userId));
const eventTypesOf = async (db: Db, accountId: string) =>
  (await db.select().from(events).where(eq(events.accountId, accountId)).orderBy(events.seq)).map((e) => e.type);

/** A Stripe-mode account: its billing customer exists (as after Checkout was opened), no subscription yet. */
async function stripeCustomer(db: Db, accountId: string) {
  const customerId = `cus_first_${randomUUID()}`;
  await db.transaction((tx) => ensureBillingAccount({ tx, accountId, provider: "stripe", customerId }));
  const now = Math.floor(Date.now() / 1000);
  const subscription: SubscriptionSnapshot = {
    id: `sub_first_${randomUUID()}`,
    customer: customerId,
    status: "active",
    items: { data: [{ quantity: 2, current_period_start: now, current_period_end: now + 30 * 86400, price: { recurring: { interval: "month" } } }] },
    pending_update: null,
  };
  const deliver = (id: string, type: string, object: unknown) =>
    settleEvent({ db, event: { id, type, created: now, data: { object } }, readSubscription: async () => subscription });
  return { customerId, subscription, deliver };
}

describe("included free seats and the first Agent", () => {
  it("INCLUDED_FREE_SEATS: default 1, any whole number 0–1000, anything else refused loudly", () => {
    expect(includedFreeSeats({})).toBe(1);
    expect(includedFreeSeats({ INCLUDED_FREE_SEATS: "0" })).toBe(0);
    expect(includedFreeSeats({ INCLUDED_FREE_SEATS: "5" })).toBe(5);
    for (const bad of ["-1", "1.5", "lots", "1001"]) expect(() => includedFreeSeats({ INCLUDED_FREE_SEATS: bad })).toThrow(/INCLUDED_FREE_SEATS/);
  });

  it("starting the trial makes the primary admin with no level an Agent (recorded, with events)", async () => {
    const a = await createTestAccount({ db: t.db, included: 1 });
    const started = await startTrial({ db: t.db, actor: a.owner, input: {}, now, env });
    expect(started).toMatchObject({ ok: true });
    expect(await levelOf(t.db, a.owner.userId)).toBe("agent");
    const [change] = await t.db.select().from(roleChanges).where(eq(roleChanges.accountId, a.accountId));
    expect(change).toMatchObject({ userId: a.owner.userId, fromLevel: "none", toLevel: "agent" });
    const types = (await t.db.select().from(events).where(eq(events.accountId, a.accountId))).map((e) => e.type);
    expect(types).toEqual(["seats.changed", "roles.changed", "access.changed"]);
  });

  it("…but not when every seat is taken, nor when they already chose a level", async () => {
    const full = await createTestAccount({ db: t.db, included: 0 });
    for (let i = 0; i < 3; i++) await full.addUser({ level: "agent" });
    expect(await startTrial({ db: t.db, actor: full.owner, input: {}, now, env })).toMatchObject({ ok: true });
    expect(await levelOf(t.db, full.owner.userId)).toBe("none");

    const viewer = await createTestAccount({ db: t.db, ownerLevel: "viewer" });
    expect(await startTrial({ db: t.db, actor: viewer.owner, input: {}, now, env })).toMatchObject({ ok: true });
    expect(await levelOf(t.db, viewer.owner.userId)).toBe("viewer");
  });

  it("a new account gets INCLUDED_FREE_SEATS at sign-up (stored, counted by capacity); the owner gets no level yet", async () => {
    const signed = await signUp({ db: t.db, input: { name: "Ivy Included", accountName: "Ivy Co", email: `ivy-${randomUUID()}@example.com`, password: "included-seat-1" } });
    if (!signed.ok) throw new Error(signed.error);
    const [seats] = await t.db.select().from(accountSeats).where(eq(accountSeats.accountId, signed.value.accountId));
    expect(seats.included).toBe(includedFreeSeats());
    expect(await seatSummary({ db: t.db, accountId: signed.value.accountId, now })).toMatchObject({ capacity: 1, included: 1, occupied: 0 });
    expect(await levelOf(t.db, signed.value.userId)).toBe("none");
    const three = await signUp({ db: t.db, env: { INCLUDED_FREE_SEATS: "3" }, input: { name: "Tri", accountName: "Tri Co", email: `tri-${randomUUID()}@example.com`, password: "included-seat-3" } });
    if (!three.ok) throw new Error(three.error);
    expect((await seatSummary({ db: t.db, accountId: three.value.accountId, now })).included).toBe(3);
  });

  it("the first purchase without a trial makes the primary admin with no level an Agent (recorded, with events)", async () => {
    const a = await createTestAccount({ db: t.db, included: 0 });
    expect(await buy(a.owner, 2)).toMatchObject({ ok: true, value: { status: "paid", purchased: 2 } });
    expect(await levelOf(t.db, a.owner.userId)).toBe("agent");
    expect(await roleChangesOf(t.db, a.owner.userId)).toMatchObject([{ actorId: a.owner.userId, fromLevel: "none", toLevel: "agent" }]);
    expect(await eventTypesOf(t.db, a.accountId)).toEqual(expect.arrayContaining(["seats.changed", "roles.changed", "access.changed"]));
    // Buying more later changes nothing about the owner.
    expect(await buy(a.owner, 3)).toMatchObject({ ok: true });
    expect(await roleChangesOf(t.db, a.owner.userId)).toHaveLength(1);
  });

  it("a Stripe purchase settled by webhook does the same, once, whichever events arrive and however often", async () => {
    const a = await createTestAccount({ db: t.db, included: 1 });
    const { subscription, customerId, deliver } = await stripeCustomer(t.db, a.accountId);
    const checkout = { object: "checkout.session", mode: "subscription", customer: customerId, subscription: subscription.id };
    expect(await deliver("evt_co_1", "checkout.session.completed", checkout)).toEqual({ applied: true });
    expect(await deliver("evt_co_1", "checkout.session.completed", checkout)).toEqual({ applied: false, reason: "duplicate" });
    expect(await deliver("evt_sc_1", "customer.subscription.created", subscription)).toEqual({ applied: true });
    expect(await levelOf(t.db, a.owner.userId)).toBe("agent");
    expect(await roleChangesOf(t.db, a.owner.userId)).toHaveLength(1);
    const types = await eventTypesOf(t.db, a.accountId);
    expect(types.filter((type) => type === "access.changed")).toHaveLength(1);
  });

  it("…not when every seat is taken, and not for an owner who already had a level and gave it up", async () => {
    const full = await createTestAccount({ db: t.db, included: 0 });
    for (let i = 0; i < 2; i++) await full.addUser({ level: "agent" });
    expect(await buy(full.owner, 2)).toMatchObject({ ok: true });
    expect(await levelOf(t.db, full.owner.userId)).toBe("none");

    // The trial made the owner an Agent; they handed their seat back; paying later does not take it again.
    const back = await createTestAccount({ db: t.db, included: 0 });
    await startTrial({ db: t.db, actor: back.owner, input: {}, now: new Date(), env });
    const asAgent = { ...back.owner, accessLevel: "agent" as const };
    expect(await setAccessLevel({ db: t.db, actor: asAgent, input: { userId: back.owner.userId, level: "none" } })).toMatchObject({ ok: true });
    expect(await buy({ ...back.owner, accessLevel: "none" }, 2)).toMatchObject({ ok: true });
    expect(await levelOf(t.db, back.owner.userId)).toBe("none");
    const [owner] = await t.db.select().from(users).where(and(eq(users.id, back.owner.userId), eq(users.isPrimaryAdmin, true)));
    expect(owner.accessLevel).toBe("none");
  });
});

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { roleChanges, users } from "@/db/schema";
import { can, type AccessLevel } from "@/lib/access/permissions";
import { defineCommand } from "@/lib/command";
import { accessChanged, rolesChanged } from "@/lib/realtime/events";
import { capacityOf, countOccupiedSeats, lockSeats } from "@/lib/seats/capacity";
import { accessLevels, UNASSIGNED } from "./access-level-labels";
import { countOpenAssignedConversations, reassignOnDemotion, type HandOver } from "./reassign-on-demotion";

export const setAccessLevelInput = z.object({
  userId: z.uuid({ error: "Choose a user." }),
  level: z.enum(accessLevels, { error: 'Choose "No access", "Viewer" or "Agent".' }),
  transferTo: z
    .union([z.literal(UNASSIGNED), z.uuid()], { error: 'Choose an agent to receive the conversations, or "Unassigned".' })
    .optional(),
});

export type SetAccessLevelFailureCode =
  | "invalid_input"
  | "not_found"
  | "no_free_seats"
  | "hand_over_required"
  | "invalid_hand_over";

export type SetAccessLevelResult =
  | {
      ok: true;
      value: {
        userId: string;
        fromLevel: AccessLevel;
        toLevel: AccessLevel;
        /** False when the user already had this level: nothing was written. */
        changed: boolean;
        occupied: number;
        capacity: number;
        reassigned: number;
      };
    }
  | {
      ok: false;
      code: SetAccessLevelFailureCode;
      error: string;
      fieldErrors?: Record<string, string>;
      /** Only for "no_free_seats": the actor may buy seats, so the UI links to "Manage Seats". */
      canBuySeats?: boolean;
    };

export function noFreeSeatsMessage(capacity: number) {
  if (capacity === 0) return "No free seats: this account has no seats yet.";
  return capacity === 1 ? "No free seats: the only seat is in use." : `No free seats: all ${capacity} seats are in use.`;
}

const failure = (code: SetAccessLevelFailureCode, error: string, field?: string) =>
  ({ ok: false, code, error, fieldErrors: field ? { [field]: error } : undefined }) as const;

/**
 * An admin sets a user's access level (SPEC §2). Agents occupy seats: under the account's
 * seat lock the change to Agent is refused when every seat is taken, so occupied ≤ capacity
 * holds however many admins act at once. Taking Agent away frees the seat in the same commit
 * and hands the user's open conversations to the chosen agent or to "Unassigned".
 */
export const setAccessLevel = defineCommand({
  permission: "roles.manage",
  input: setAccessLevelInput,
  deps: (given: { now?: Date }) => ({ now: given.now ?? new Date() }),
  async run({ tx, actor, input: { userId, level, transferTo }, now, emit }): Promise<SetAccessLevelResult> {
    const accountId = actor.accountId;
    // Lock order for every role or seat change: seat row, then user rows, then (outbox) account row.
    const seats = await lockSeats({ tx, accountId });
    const capacity = capacityOf(seats, now);
    const [target] = await tx
      .select({ id: users.id, name: users.name, accessLevel: users.accessLevel })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.accountId, accountId)))
      .for("update");
    // Another account's user is reported exactly like a user that does not exist.
    if (!target) return failure("not_found", "That user was not found in your account.", "userId");

    const fromLevel = target.accessLevel;
    if (fromLevel === level) {
      const occupied = await countOccupiedSeats({ db: tx, accountId });
      return { ok: true, value: { userId, fromLevel, toLevel: level, changed: false, occupied, capacity, reassigned: 0 } };
    }

    const occupiedBefore = await countOccupiedSeats({ db: tx, accountId });
    if (level === "agent" && occupiedBefore >= capacity) {
      return { ...failure("no_free_seats", noFreeSeatsMessage(capacity)), canBuySeats: can(actor, "seats.purchase") };
    }

    let reassigned = 0;
    if (fromLevel === "agent") {
      const handOver = await resolveHandOver({ tx, accountId, demoted: target, transferTo });
      if (!handOver.ok) return handOver;
      if (handOver.value) {
        const moved = await reassignOnDemotion({ tx, accountId, actorId: actor.userId, userId, handOver: handOver.value });
        reassigned = moved.reassigned;
        emit(...moved.events);
      }
    }

    await tx.update(users).set({ accessLevel: level }).where(and(eq(users.id, userId), eq(users.accountId, accountId)));
    await tx.insert(roleChanges).values({ accountId, actorId: actor.userId, userId, fromLevel, toLevel: level });
    const occupied = occupiedBefore + (level === "agent" ? 1 : 0) - (fromLevel === "agent" ? 1 : 0);
    emit(
      rolesChanged(accountId, { userId, actorId: actor.userId, fromLevel, toLevel: level, occupied, capacity }),
      // The user's own open tabs re-render with what the new level allows (SPEC §2).
      accessChanged(accountId, userId, { fromLevel, toLevel: level }),
    );
    return { ok: true, value: { userId, fromLevel, toLevel: level, changed: true, occupied, capacity, reassigned } };
  },
});

/** The demoted agent's open conversations need a receiver when there are any; a named receiver must be an Agent. */
async function resolveHandOver({
  tx,
  accountId,
  demoted,
  transferTo,
}: {
  tx: Db;
  accountId: string;
  demoted: { id: string; name: string };
  transferTo: string | undefined;
}): Promise<{ ok: true; value: HandOver | null } | ReturnType<typeof failure>> {
  if (transferTo === undefined) {
    const open = await countOpenAssignedConversations({ db: tx, accountId, userId: demoted.id });
    if (open === 0) return { ok: true, value: null };
    return failure(
      "hand_over_required",
      `${demoted.name} has ${open} open conversation${open === 1 ? "" : "s"}: choose an agent to receive ${open === 1 ? "it" : "them"}, or "Unassigned".`,
      "transferTo",
    );
  }
  if (transferTo === UNASSIGNED) return { ok: true, value: { to: "unassigned" } };
  if (transferTo === demoted.id) {
    return failure("invalid_hand_over", `Choose an agent other than ${demoted.name} to receive the conversations.`, "transferTo");
  }
  // Read under the seat lock: no level can change until this transaction ends.
  const [receiver] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, transferTo), eq(users.accountId, accountId), eq(users.accessLevel, "agent")));
  if (!receiver) {
    return failure("invalid_hand_over", "The chosen receiver is not an Agent of your account. Choose another agent.", "transferTo");
  }
  return { ok: true, value: { to: "agent", userId: receiver.id } };
}

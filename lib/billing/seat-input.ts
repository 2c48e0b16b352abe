import { z } from "zod";
import { failField } from "@/lib/result";
import { billingCycles, SELF_SERVE_MAX_SEATS } from "./prices";

export const selfServeSeats = z.coerce
  .number({ error: "Choose a number of seats." })
  .int("Choose a whole number of seats.")
  .min(1, "Choose at least 1 seat.")
  .max(SELF_SERVE_MAX_SEATS, `Up to ${SELF_SERVE_MAX_SEATS} seats can be bought here; for more, contact sales.`);

export const cycleInput = z.enum(billingCycles, { error: "Choose monthly or yearly billing." }).default("month");

export const idempotencyKeyInput = z.uuid("This confirmation is not valid; review the new total again.");

export function occupiedMessage(occupied: number) {
  return `${occupied} ${occupied === 1 ? "seat is" : "seats are"} occupied. Change roles first.`;
}

/** Seats can go no lower than the occupied ones: the refusal, or null when `seats` (with the included ones) hold them. */
export function belowOccupied({ seats, included, occupied }: { seats: number; included: number; occupied: number }) {
  return seats + included < occupied ? failField("seats", occupiedMessage(occupied)) : null;
}

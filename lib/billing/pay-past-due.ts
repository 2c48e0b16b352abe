import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineCommand } from "@/lib/command";
import { fail, ok, type Result } from "@/lib/result";
import { idempotencyKeyInput } from "./seat-input";
import { billingDeps, withSeatLock } from "./seat-lock";

const payInput = z.object({ idempotencyKey: idempotencyKeyInput.optional() });

/**
 * "Pay now" on a past-due subscription: charges the open renewal invoice to the current payment
 * method (after "Manage payment method" fixed it). Paid → active, the inbox writable again. A
 * decline is kept on the invoice and changes nothing else. Runs under the seat lock.
 */
export const payPastDueInvoice = defineCommand({
  permission: "seats.purchase",
  input: payInput,
  deps: billingDeps,
  async run({ tx, actor, input: { idempotencyKey = randomUUID() }, provider, now }): Promise<Result<{ status: "paid" | "unchanged" | "action_required"; url?: string }>> {
    return withSeatLock({ tx, accountId: actor.accountId }, async () => {
      const outcome = await provider.payPastDue({ tx, accountId: actor.accountId, idempotencyKey, now });
      if (outcome.status === "declined" || outcome.status === "stale") return fail(outcome.message);
      if (outcome.status === "action_required") return ok({ status: "action_required", url: outcome.url });
      if (outcome.status === "redirect") return ok({ status: "action_required", url: outcome.url });
      return ok({ status: outcome.status });
    });
  },
});

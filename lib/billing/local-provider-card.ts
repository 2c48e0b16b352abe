import { z } from "zod";
import { defineCommand } from "@/lib/command";
import { fail, ok, type Result } from "@/lib/result";
import { billingProvider } from "./active-provider";
import { setLocalCardDeclines } from "./local-provider";
import type { BillingProvider } from "./provider";

const testCardInput = z.object({ declines: z.coerce.boolean() });

/** Test mode only (local provider): make the test card decline, to try a failed purchase. */
export const setTestCardDeclines = defineCommand({
  permission: "seats.purchase",
  input: testCardInput,
  transaction: false,
  deps: (given: { provider?: BillingProvider }) => ({ provider: given.provider ?? billingProvider() }),
  async run({ tx: db, actor, input: { declines }, provider }): Promise<Result<{ declines: boolean }>> {
    if (provider.kind !== "local") return fail("The test card exists only in local billing mode.");
    await setLocalCardDeclines({ db, accountId: actor.accountId, declines });
    return ok({ declines });
  },
});

import { z } from "zod";
import { defineCommand } from "@/lib/command";
import { ok, type Result } from "@/lib/result";
import { billingProvider } from "./active-provider";
import type { BillingProvider } from "./provider";

/** "Manage payment method": where the provider keeps the card (Stripe's billing portal); null when it keeps none. */
export const openBillingPortal = defineCommand({
  permission: "seats.purchase",
  input: z.unknown(),
  transaction: false,
  deps: (given: { returnUrl: string; provider?: BillingProvider }) => ({ returnUrl: given.returnUrl, provider: given.provider ?? billingProvider() }),
  async run({ tx: db, actor, returnUrl, provider }): Promise<Result<{ url: string | null }>> {
    return ok({ url: await provider.portalUrl({ db, accountId: actor.accountId, returnUrl }) });
  },
});

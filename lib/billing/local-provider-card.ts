import { z } from "zod";
import type { Db } from "@/db/database";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, type Result } from "@/lib/result";
import { billingProvider } from "./active-provider";
import { setLocalCardDeclines } from "./local-provider";
import type { BillingProvider } from "./provider";

const testCardInput = z.object({ declines: z.coerce.boolean() });

/** Test mode only (local provider): make the test card decline, to try a failed purchase. */
export async function setTestCardDeclines({
  db,
  actor,
  input,
  provider = billingProvider(),
}: {
  db: Db;
  actor: Actor;
  input: unknown;
  provider?: BillingProvider;
}): Promise<Result<{ declines: boolean }>> {
  requirePermission(actor, "seats.purchase");
  if (provider.kind !== "local") return fail("The test card exists only in local billing mode.");
  const parsed = testCardInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  await setLocalCardDeclines({ db, accountId: actor.accountId, declines: parsed.data.declines });
  return { ok: true, value: parsed.data };
}

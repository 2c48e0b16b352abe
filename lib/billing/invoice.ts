import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { billingInvoices } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";

/**
 * One invoice of the actor's account with its lines (proration credit and charge as separate
 * lines, as Stripe itemises them), for the printable invoice page; null for another account's
 * invoice or a malformed id.
 */
export async function getInvoice({ db, actor, invoiceId }: { db: Db; actor: Actor; invoiceId: string }) {
  requirePermission(actor, "billing.view");
  if (!z.uuid().safeParse(invoiceId).success) return null;
  const [invoice] = await db
    .select()
    .from(billingInvoices)
    .where(and(eq(billingInvoices.id, invoiceId), eq(billingInvoices.accountId, actor.accountId)));
  if (!invoice) return null;
  const lines = invoice.lines?.length
    ? invoice.lines
    : [{ description: invoice.description, quantity: null, amount: invoice.amountDue }];
  return { ...invoice, lines };
}

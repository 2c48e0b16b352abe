import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { PrintButton } from "@/components/seats/print-button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { getInvoice } from "@/lib/billing/invoice";
import { formatMoney } from "@/lib/billing/prices";

export const metadata = { title: "Invoice" };

/** The local provider's printable invoice (Stripe's invoices link to their hosted page instead). */
export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "billing.view")) {
    return <EmptyState title="Only admins can see invoices">Ask an admin of your account for a copy.</EmptyState>;
  }
  const { id } = await params;
  const invoice = await getInvoice({ db: await getDb(), actor, invoiceId: id });
  if (!invoice) notFound();
  const money = (cents: number) => formatMoney(cents, invoice.currency);
  const date = (d: Date | null) => (d ? d.toLocaleDateString("en-US", { dateStyle: "medium" }) : "—");
  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h3 className="text-lg font-semibold">Invoice {invoice.number ?? invoice.providerInvoiceId}</h3>
          <p className="text-sm text-slate-600">
            Issued {date(invoice.issuedAt)} · {invoice.description ?? "Seats"} · {invoice.status === "paid" ? "Paid" : invoice.paymentIssue === "failed" ? "Payment failed" : invoice.status === "open" ? "Open" : "Void"}
          </p>
          <p className="text-sm text-slate-600">
            Service period {date(invoice.periodStart)} – {date(invoice.periodEnd)}
          </p>
        </div>
        <div className="flex gap-2 print:hidden">
          <Link href="/settings/conversations/seats" className="text-sm text-brand-700 underline">
            Back to Manage Seats
          </Link>
          <PrintButton />
        </div>
      </div>
      <table className="mt-6 w-full text-left text-sm" aria-label="Invoice lines">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 font-medium">Description</th>
            <th className="py-2 text-right font-medium">Qty</th>
            <th className="py-2 text-right font-medium">Amount</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {invoice.lines.map((line, i) => (
            <tr key={i}>
              <td className="py-2">{line.description ?? "Seats"}</td>
              <td className="py-2 text-right tabular-nums">{line.quantity ?? ""}</td>
              <td className="py-2 text-right tabular-nums">{money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="font-semibold">
          <tr>
            <td className="py-2" colSpan={2}>
              Total
            </td>
            <td className="py-2 text-right tabular-nums" data-testid="invoice-total">
              {money(invoice.amountDue)}
            </td>
          </tr>
          <tr>
            <td className="py-1 font-normal text-slate-600" colSpan={2}>
              Paid
            </td>
            <td className="py-1 text-right font-normal tabular-nums">{money(invoice.amountPaid)}</td>
          </tr>
        </tfoot>
      </table>
    </Card>
  );
}

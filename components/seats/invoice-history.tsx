import Link from "next/link";
import type { BillingOverview } from "@/lib/billing/overview";
import { formatMoney } from "@/lib/billing/prices";

const statusLabel = (i: BillingOverview["invoices"][number]) => {
  if (i.status === "paid") return "Paid";
  if (i.paymentIssue === "failed") return i.status === "void" ? "Declined" : "Payment failed";
  if (i.paymentIssue === "action_required") return "Needs your action";
  return i.status === "void" ? "Void" : i.status === "open" ? "Open" : i.status;
};

export function InvoiceHistory({ invoices }: { invoices: BillingOverview["invoices"] }) {
  if (invoices.length === 0) return <p className="text-sm text-slate-600">No invoices yet.</p>;
  const date = (d: Date | null) => (d ? d.toLocaleDateString("en-US", { dateStyle: "medium" }) : "—");
  return (
    <table className="w-full text-left text-sm" aria-label="Invoice history">
      <thead className="text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-2 font-medium">Date</th>
          <th className="py-2 font-medium">Description</th>
          <th className="py-2 font-medium">Period</th>
          <th className="py-2 text-right font-medium">Amount</th>
          <th className="py-2 text-right font-medium">Status</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {invoices.map((i) => (
          <tr key={i.id}>
            <td className="py-2">{date(i.issuedAt)}</td>
            <td className="py-2">
              {/* Stripe's hosted invoice page, or our printable page for the local provider. */}
              {i.hostedInvoiceUrl ? (
                <a href={i.hostedInvoiceUrl} className="text-brand-700 underline" target="_blank" rel="noreferrer">
                  {i.description ?? i.number ?? "Invoice"}
                </a>
              ) : (
                <Link href={`/settings/conversations/seats/invoices/${i.id}`} className="text-brand-700 underline">
                  {i.description ?? i.number ?? "Invoice"}
                </Link>
              )}
            </td>
            <td className="py-2 text-slate-600">
              {date(i.periodStart)} – {date(i.periodEnd)}
            </td>
            <td className="py-2 text-right tabular-nums">{formatMoney(i.amountDue, i.currency)}</td>
            <td className="py-2 text-right">{statusLabel(i)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

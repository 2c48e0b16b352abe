import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { FailedDelivery } from "@/lib/delivery/failed-deliveries";
import { messageChannelLabel } from "@/lib/message-channels/message-channels";

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "");
const excerpt = (body: string) => (body.length > 120 ? `${body.slice(0, 119)}…` : body);

/** Settings → Outbox: messages the providers did not take, with their reason; Retry is in the thread. */
export function FailedDeliveries({ rows }: { rows: FailedDelivery[] }) {
  return (
    <Card padded={false}>
      <h3 className="px-6 pt-5 font-medium">Not delivered ({rows.length})</h3>
      {rows.length === 0 ? (
        <p className="px-6 py-4 text-sm text-slate-500">Every message went out. A message a provider refuses shows here with its reason.</p>
      ) : (
        <p className="px-6 pt-1 text-sm text-slate-600">Open the conversation to retry once the cause is fixed.</p>
      )}
      <ul className="mt-3 divide-y divide-slate-100" data-testid="failed-deliveries">
        {rows.map((r) => (
          <li key={r.messageId} className="px-6 py-3 text-sm">
            <div className="flex flex-wrap justify-between gap-2">
              <span>
                <Link href={`/inbox?c=${r.conversationId}`} className="font-medium text-brand-700 hover:underline">
                  #{r.conversationNumber} {r.contactName}
                </Link>{" "}
                <span className="text-slate-500">
                  by {messageChannelLabel[r.channel]}
                  {r.toAddress ? ` to ${r.toAddress}` : ""} · {r.attempts} {r.attempts === 1 ? "attempt" : "attempts"}
                </span>
              </span>
              <span className="text-slate-500">{when(r.lastAttemptAt)}</span>
            </div>
            <p className="mt-1 text-red-700">{r.reason ?? "The provider gave no reason."}</p>
            <p className="mt-1 truncate text-slate-500">{excerpt(r.body)}</p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

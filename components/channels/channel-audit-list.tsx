import type { ChannelChange } from "@/lib/channels/settings/channel-audit";

/** The card's latest configuration changes: who, when, what. */
export function ChannelAuditList({ changes }: { changes: ChannelChange[] }) {
  if (changes.length === 0) return <p className="text-xs text-slate-500">No changes yet.</p>;
  return (
    <ul className="space-y-1 text-xs text-slate-600" aria-label="Recent changes">
      {changes.map((change) => (
        <li key={change.id}>
          <time dateTime={change.createdAt.toISOString()} className="text-slate-500">
            {change.createdAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
          </time>{" "}
          · {change.actorName ?? "A former user"} · {change.summary}
        </li>
      ))}
    </ul>
  );
}

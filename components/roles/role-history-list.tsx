import { Card } from "@/components/ui/card";
import { accessLevelLabels } from "@/lib/roles/access-level-labels";
import type { RoleChange } from "@/lib/roles/role-history";

const when = (d: Date) => d.toLocaleString("en-US", { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

/** The short list of recent level changes under the Roles list. */
export function RoleHistoryList({ changes }: { changes: RoleChange[] }) {
  return (
    <Card>
      <h3 className="font-medium">Recent changes</h3>
      {changes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No level changes yet.</p>
      ) : (
        <ul className="mt-3 space-y-2 text-sm" aria-label="Recent level changes">
          {changes.map((c) => (
            <li key={c.id} className="flex flex-wrap justify-between gap-x-4 gap-y-1">
              <span>
                <span className="font-medium">{c.actorName ?? "A former user"}</span> changed{" "}
                <span className="font-medium">{c.userName}</span> from {accessLevelLabels[c.fromLevel]} to{" "}
                <span className="font-medium">{accessLevelLabels[c.toLevel]}</span>
              </span>
              <time dateTime={c.createdAt.toISOString()} className="text-slate-500">
                {when(c.createdAt)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

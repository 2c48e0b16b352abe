import { formatDuration } from "@/lib/analytics/format-duration";
import type { ReportRowFigures } from "@/lib/analytics/report-query";

/** A per-agent or per-channel table of the report's figures. */
export function FiguresTable({
  caption,
  firstColumn,
  rows,
  exportHref,
}: {
  caption: string;
  firstColumn: string;
  rows: (ReportRowFigures & { key: string; label: string })[];
  exportHref: string;
}) {
  const th = "px-3 py-2 text-right text-xs font-medium text-slate-500 whitespace-nowrap";
  const td = "px-3 py-2 text-right tabular-nums whitespace-nowrap";
  return (
    <section className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center justify-between gap-3 px-4 py-3">
        <h2 className="font-medium">{caption}</h2>
        <a href={exportHref} className="text-sm font-medium text-brand-600 hover:underline" download>
          Export CSV
        </a>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full border-t border-slate-100 text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-4 py-2 text-left text-xs font-medium text-slate-500">
                {firstColumn}
              </th>
              <th scope="col" className={th}>Received</th>
              <th scope="col" className={th}>First response (median)</th>
              <th scope="col" className={th}>First response (p90)</th>
              <th scope="col" className={th}>Completed</th>
              <th scope="col" className={th}>Time to complete (median)</th>
              <th scope="col" className={th}>Time to complete (p90)</th>
              <th scope="col" className={th}>Messages sent</th>
              <th scope="col" className={th}>Open now</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  {r.label}
                </th>
                <td className={td}>{r.received}</td>
                <td className={td}>{formatDuration(r.firstResponse.median)}</td>
                <td className={td}>{formatDuration(r.firstResponse.p90)}</td>
                <td className={td}>{r.completed}</td>
                <td className={td}>{formatDuration(r.timeToComplete.median)}</td>
                <td className={td}>{formatDuration(r.timeToComplete.p90)}</td>
                <td className={td}>{r.messagesSent}</td>
                <td className={td}>{r.openNow}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

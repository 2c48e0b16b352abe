/** One headline figure, with a link to how it is measured. */
export function KpiCard({
  label,
  value,
  detail,
  definitionId,
}: {
  label: string;
  value: string;
  detail?: string;
  definitionId: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="kpi">
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
      <p className="mt-1 flex items-end justify-between gap-2 text-xs text-slate-500">
        <span>{detail ?? "\u00a0"}</span>
        <a href={`#${definitionId}`} className="shrink-0 text-brand-600 hover:underline" aria-label={`How is "${label}" measured?`}>
          How?
        </a>
      </p>
    </div>
  );
}

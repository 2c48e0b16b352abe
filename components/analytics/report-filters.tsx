import { buttonClass } from "@/components/ui/button";
import type { ReportFilterOptions } from "@/lib/analytics/filter-options";
import { periodPresetLabels, periodPresets } from "@/lib/analytics/period";
import { channels, messageChannelLabel } from "@/lib/message-channels/message-channels";

type Values = Partial<Record<"period" | "from" | "to" | "agent" | "group" | "channel" | "tag" | "tz", string>>;

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:border-red-400";

/** The period picker and filters: a plain GET form, so every report has a shareable URL. */
export function ReportFilters({
  values,
  options,
  errors,
  showTeamFilters,
}: {
  values: Values;
  options: ReportFilterOptions;
  errors: Record<string, string>;
  showTeamFilters: boolean;
}) {
  const select = (name: keyof Values, label: string, items: { value: string; label: string }[], all: string) => (
    <label className="space-y-1">
      <span className="block text-xs font-medium text-slate-600">{label}</span>
      <select name={name} defaultValue={values[name] ?? ""} className={control} aria-invalid={!!errors[name]}>
        <option value="">{all}</option>
        {items.map((i) => (
          <option key={i.value} value={i.value}>
            {i.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form method="get" action="/analytics" aria-label="Report filters" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-9">
        <label className="space-y-1">
          <span className="block text-xs font-medium text-slate-600">Period</span>
          <select name="period" defaultValue={values.period ?? "7d"} className={control} aria-invalid={!!errors.period}>
            {periodPresets.map((p) => (
              <option key={p} value={p}>
                {periodPresetLabels[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-xs font-medium text-slate-600">From (custom)</span>
          <input type="date" name="from" defaultValue={values.from ?? ""} className={control} aria-invalid={!!errors.from} />
        </label>
        <label className="space-y-1">
          <span className="block text-xs font-medium text-slate-600">To (custom)</span>
          <input type="date" name="to" defaultValue={values.to ?? ""} className={control} aria-invalid={!!errors.to} />
        </label>
        {showTeamFilters
          ? select("agent", "Agent", options.agents.map((a) => ({ value: a.id, label: a.name })), "All agents")
          : null}
        {showTeamFilters
          ? select("group", "Group", options.groups.map((g) => ({ value: g.id, label: g.name })), "All groups")
          : null}
        {select("channel", "Channel", channels.map((c) => ({ value: c, label: messageChannelLabel[c] })), "All channels")}
        {select("tag", "Tag", options.tags.map((t) => ({ value: t.id, label: t.name })), "All tags")}
        <label className="space-y-1">
          <span className="block text-xs font-medium text-slate-600">Time zone</span>
          <input
            name="tz"
            defaultValue={values.tz ?? ""}
            placeholder={options.accountTimeZone}
            list="analytics-time-zones"
            className={control}
            aria-invalid={!!errors.tz}
          />
          <datalist id="analytics-time-zones">
            {Intl.supportedValuesOf("timeZone").map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </label>
        <div className="flex items-end">
          <button type="submit" className={buttonClass("primary", "w-full")}>
            Apply
          </button>
        </div>
      </div>
      {Object.keys(errors).length ? (
        <ul className="mt-3 space-y-0.5 text-sm text-red-600" role="alert">
          {Object.entries(errors).map(([field, message]) => (
            <li key={field}>{message}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}

import Link from "next/link";
import { getDb } from "@/db/client";
import { DailyVolumeChart } from "@/components/analytics/daily-volume-chart";
import { FiguresTable } from "@/components/analytics/figures-table";
import { KpiCard } from "@/components/analytics/kpi-card";
import { ReportFilters } from "@/components/analytics/report-filters";
import { ResponseTimeChart } from "@/components/analytics/response-time-chart";
import { VolumeByHourChart } from "@/components/analytics/volume-by-hour-chart";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { getAnalyticsReport, type AnalyticsReport } from "@/lib/analytics/analytics-report";
import { getReportFilterOptions } from "@/lib/analytics/filter-options";
import { formatDuration } from "@/lib/analytics/format-duration";
import { metricDefinitions, metricKeys } from "@/lib/analytics/metric-definitions";
import { canViewAnalytics } from "@/lib/analytics/report-scope";
import { requireActor } from "@/app/(auth)/current-actor";
import { messageChannelLabel } from "@/lib/message-channels/message-channels";

export const metadata = { title: "Analytics" };

const filterNames = ["period", "from", "to", "agent", "group", "channel", "tag", "tz"] as const;

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!canViewAnalytics(actor)) {
    return (
      <div className="px-4 py-16">
        <EmptyState title="Analytics is for Agents and admins">
          Ask an admin of your account to make you an Agent in Settings → Conversations → Roles to see your own figures.
        </EmptyState>
      </div>
    );
  }
  const params = await searchParams;
  const values: Partial<Record<(typeof filterNames)[number], string>> = {};
  for (const name of filterNames) {
    const v = params[name];
    const first = Array.isArray(v) ? v[0] : v;
    if (first) values[name] = first;
  }

  const db = await getDb();
  const [options, result] = await Promise.all([getReportFilterOptions({ db, actor }), getAnalyticsReport({ db, actor, input: values })]);
  const report = result.ok ? result.value : null;
  const errors = result.ok ? {} : (result.fieldErrors ?? { form: result.error });
  const query = new URLSearchParams(Object.entries(values) as [string, string][]);

  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Conversations</p>
          <h1 className="text-2xl font-semibold">Analytics</h1>
          {report ? (
            <p className="mt-1 text-sm text-slate-600">
              {periodLabel(report)} · times in {report.period.timeZone}
              {report.scope.kind === "own" ? " · your own figures" : ""}
            </p>
          ) : null}
        </div>
      </div>

      <ReportFilters values={values} options={options} errors={errors} showTeamFilters={report?.scope.kind !== "own" && options.agents.length > 0} />

      {!report ? null : report.isEmpty ? (
        <EmptyState
          title="No conversations in this period"
          action={
            <div className="flex flex-wrap justify-center gap-2">
              <Link href="/analytics?period=30d" className={buttonClass("secondary")}>
                Show the last 30 days
              </Link>
              <Link href="/inbox" className={buttonClass()}>
                Open the inbox
              </Link>
            </div>
          }
        >
          Nothing was received, answered, sent or completed{Object.keys(values).some((k) => k !== "period" && k !== "from" && k !== "to") ? " with these filters" : ""}, and
          nothing is open. Pick a longer period or clear the filters; figures appear as soon as customers write in through web chat, email,
          Messenger or SMS and your team answers.
        </EmptyState>
      ) : (
        <ReportBody report={report} query={query} />
      )}

      <section id="definitions" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="font-medium">How is this measured?</h2>
        <p className="mt-1 text-sm text-slate-600">
          Every figure is computed from the time each message was received or sent and each time a conversation was assigned, completed or
          reopened, so reopened, reassigned and multi-channel conversations count correctly.
        </p>
        <dl className="mt-4 grid gap-4 md:grid-cols-2">
          {metricKeys.map((key) => (
            <div key={key} id={`def-${key}`} className="scroll-mt-20">
              <dt className="text-sm font-medium text-slate-900">{metricDefinitions[key].label}</dt>
              <dd className="mt-0.5 text-sm text-slate-600">{metricDefinitions[key].definition}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

function ReportBody({ report, query }: { report: AnalyticsReport; query: URLSearchParams }) {
  const t = report.totals;
  const exportHref = (table: string) => {
    const q = new URLSearchParams(query);
    q.set("table", table);
    return `/analytics/export?${q.toString()}`;
  };
  const team = report.scope.kind === "team";
  return (
    <>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        <KpiCard
          label="Received"
          value={String(t.received)}
          detail={t.receivedReopened ? `${t.receivedReopened} reopened` : "none reopened"}
          definitionId="def-received"
        />
        <KpiCard
          label="First response"
          value={formatDuration(t.firstResponse.median)}
          detail={`median · p90 ${formatDuration(t.firstResponse.p90)}`}
          definitionId="def-firstResponse"
        />
        <KpiCard
          label="Time to complete"
          value={formatDuration(t.timeToComplete.median)}
          detail={`median · p90 ${formatDuration(t.timeToComplete.p90)}`}
          definitionId="def-timeToComplete"
        />
        <KpiCard label="Completed" value={String(t.completed)} definitionId="def-completed" />
        <KpiCard label={metricDefinitions.messagesSent.label} value={String(t.messagesSent)} definitionId="def-messagesSent" />
        <KpiCard label={metricDefinitions.openNow.label} value={String(t.openNow)} detail={team ? "all open" : "assigned to you"} definitionId="def-openNow" />
        <KpiCard
          label={metricDefinitions.unassignedNow.label}
          value={t.unassignedNow === null ? "—" : String(t.unassignedNow)}
          detail={t.unassignedNow === null ? "not per agent" : undefined}
          definitionId="def-unassignedNow"
        />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard title="Received and completed per day">
          <DailyVolumeChart data={report.byDay} />
        </ChartCard>
        <ChartCard title={metricDefinitions.volumeByHour.label} note={`Hours in ${report.period.timeZone}.`}>
          <VolumeByHourChart data={report.byHour} />
        </ChartCard>
        {team ? (
          <ChartCard title="First response time per agent">
            <ResponseTimeChart
              testId="chart-response-by-agent"
              data={report.byAgent.map((r) => ({ label: r.name, median: r.firstResponse.median, p90: r.firstResponse.p90 }))}
            />
          </ChartCard>
        ) : null}
        <ChartCard title="First response time per channel" wide={!team}>
          <ResponseTimeChart
            testId="chart-response-by-channel"
            data={report.byChannel.map((r) => ({ label: messageChannelLabel[r.channel], median: r.firstResponse.median, p90: r.firstResponse.p90 }))}
          />
        </ChartCard>
      </div>

      <FiguresTable
        caption={team ? "Per agent" : "Your figures"}
        firstColumn="Agent"
        rows={report.byAgent.map((r) => ({ ...r, key: r.agentId, label: r.name }))}
        exportHref={exportHref("agents")}
      />
      <FiguresTable
        caption="Per channel"
        firstColumn="Channel"
        rows={report.byChannel.map((r) => ({ ...r, key: r.channel, label: messageChannelLabel[r.channel] }))}
        exportHref={exportHref("channels")}
      />
    </>
  );
}

function ChartCard({ title, note, wide = false, children }: { title: string; note?: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${wide ? "lg:col-span-2" : ""}`}>
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 className="text-sm font-medium">{title}</h2>
        {note ? <span className="text-xs text-slate-500">{note}</span> : null}
      </div>
      {children}
    </section>
  );
}

function periodLabel(report: AnalyticsReport) {
  const fmt = (day: string) => {
    const [y, m, d] = day.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });
  };
  const { firstDay, lastDay } = report.period;
  return firstDay === lastDay ? fmt(firstDay) : `${fmt(firstDay)} – ${fmt(lastDay)}`;
}

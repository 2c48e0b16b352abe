import { messageChannelLabel } from "@/lib/message-channels/message-channels";
import type { AnalyticsReport } from "./analytics-report";
import type { ReportRowFigures } from "./report-query";

export const reportTables = ["agents", "channels"] as const;
export type ReportTable = (typeof reportTables)[number];

const figureHeaders = [
  "Conversations received",
  "First responses",
  "First response median (s)",
  "First response p90 (s)",
  "Conversations completed",
  "Time to complete median (s)",
  "Time to complete p90 (s)",
  "Messages sent",
  "Open now",
];

function figureCells(r: ReportRowFigures): (string | number | null)[] {
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return [
    r.received,
    r.firstResponse.count,
    round(r.firstResponse.median),
    round(r.firstResponse.p90),
    r.completed,
    round(r.timeToComplete.median),
    round(r.timeToComplete.p90),
    r.messagesSent,
    r.openNow,
  ];
}

/** The per-agent or per-channel table as CSV (RFC 4180), durations in whole seconds. */
export function reportTableCsv(report: AnalyticsReport, table: ReportTable): string {
  const rows: (string | number | null)[][] =
    table === "agents"
      ? [["Agent", ...figureHeaders], ...report.byAgent.map((r) => [r.name, ...figureCells(r)])]
      : [["Channel", ...figureHeaders], ...report.byChannel.map((r) => [messageChannelLabel[r.channel], ...figureCells(r)])];
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function reportCsvFilename(report: AnalyticsReport, table: ReportTable) {
  return `analytics-${table}-${report.period.firstDay}-to-${report.period.lastDay}.csv`;
}

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  // A leading = + - @ would make a spreadsheet evaluate a user-chosen name as a formula.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

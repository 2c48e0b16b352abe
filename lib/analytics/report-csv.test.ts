import { describe, expect, it } from "vitest";
import type { AnalyticsReport } from "./analytics-report";
import { reportCsvFilename, reportTableCsv } from "./report-csv";
import { noFigures } from "./report-query";

function reportWith(agentNames: string[]): AnalyticsReport {
  return {
    scope: { kind: "team" },
    period: { preset: "custom", timeZone: "UTC", firstDay: "2025-03-10", lastDay: "2025-03-16", from: new Date(), to: new Date() },
    filters: { period: "custom" },
    totals: { ...noFigures(), receivedReopened: 0, unassignedNow: 0 },
    byAgent: agentNames.map((name, i) => ({
      agentId: `id-${i}`,
      name,
      ...noFigures(),
      received: i + 1,
      firstResponse: { count: 2, median: 90.4, p90: 150.6 },
    })),
    byChannel: [{ channel: "sms", ...noFigures(), messagesSent: 3 }],
    byHour: [],
    byDay: [],
    isEmpty: false,
  };
}

describe("analytics CSV export", () => {
  it("writes a header and one row per agent, durations in whole seconds, blanks for no data", () => {
    const csv = reportTableCsv(reportWith(["Alice Agent"]), "agents");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "Agent,Conversations received,First responses,First response median (s),First response p90 (s),Conversations completed,Time to complete median (s),Time to complete p90 (s),Messages sent,Open now",
    );
    expect(lines[1]).toBe("Alice Agent,1,2,90,151,0,,,0,0");
    expect(lines[2]).toBe("");
    expect(reportTableCsv(reportWith([]), "channels").split("\r\n")[1]).toBe("SMS,0,0,,,0,,,3,0");
  });

  it("quotes commas and quotes, and defuses spreadsheet formulas in names", () => {
    const csv = reportTableCsv(reportWith(['Smith, "Jo"', "=HYPERLINK(1)", "-2+3"]), "agents");
    const lines = csv.split("\r\n");
    expect(lines[1].startsWith('"Smith, ""Jo""",')).toBe(true);
    expect(lines[2].startsWith("'=HYPERLINK(1),")).toBe(true);
    expect(lines[3].startsWith("'-2+3,")).toBe(true);
  });

  it("names the file after the table and the period", () => {
    expect(reportCsvFilename(reportWith([]), "channels")).toBe("analytics-channels-2025-03-10-to-2025-03-16.csv");
  });
});

import { z } from "zod";
import { getDb } from "@/db/client";
import { ForbiddenError } from "@/lib/access/permissions";
import { getAnalyticsReport } from "@/lib/analytics/analytics-report";
import { reportCsvFilename, reportTableCsv, reportTables } from "@/lib/analytics/report-csv";
import { getCurrentActor } from "@/app/(auth)/current-actor";

const tableParam = z.enum(reportTables).catch("agents");

/** CSV export of the Analytics page's per-agent or per-channel table, with the page's checks. */
export async function GET(request: Request) {
  const actor = await getCurrentActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { table: rawTable, ...input } = params;
  const table = tableParam.parse(rawTable);
  try {
    const result = await getAnalyticsReport({ db: await getDb(), actor, input });
    if (!result.ok) return new Response(result.error, { status: 400 });
    return new Response(reportTableCsv(result.value, table), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${reportCsvFilename(result.value, table)}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("You do not have access to Analytics.", { status: 403 });
    throw error;
  }
}

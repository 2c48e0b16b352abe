import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/database";
import { sqlParameter, type SqlExecutor } from "@/db/job-queue";

/**
 * pg-boss's SQL (`$1`-numbered text and values) run through Drizzle on `db` — a transaction
 * included, which is how a job is written in the same transaction as the message it sends.
 */
export function drizzleExecutor(db: Db): SqlExecutor {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const result = (await db.execute(toSql(text, values))) as unknown as unknown[] | { rows: unknown[] };
      return { rows: (Array.isArray(result) ? [...result] : result.rows) as any[] };
    },
  };
}

function toSql(text: string, values: unknown[]): SQL {
  if (values.length === 0) return sql.raw(text);
  // Split keeps the captured numbers at the odd indexes: text, 1, text, 2, text…
  const parts = text.split(/\$(\d+)/);
  return sql.join(parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${sql.param(sqlParameter(values[Number(part) - 1]))}`)));
}

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, useTestDatabase } from "@/db/test-database";

// The rollups' SQL for sparse duration tallies (pairs bucket, count; sorted, no zero counts):
// adding two must give what tallying their pairs together gives (decision 0052).
const t = useTestDatabase();

describe("sparse tallies in SQL", () => {
  it("add by merging: the same canonical tally as tallying both lists of pairs at once", async () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const tally = (n: number, spread: number) => {
      const counts = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const k = Math.floor(rand() * spread) - 20;
        counts.set(k, (counts.get(k) ?? 0) + (rand() < 0.3 ? -1 : 1));
      }
      return [...counts].filter(([, c]) => c !== 0).sort((x, y) => x[0] - y[0]).flat();
    };
    const cases: [number[], number[]][] = [
      [[], []],
      [[3, 1], []],
      [[], [3, -1]],
      [[3, 1], [3, -1]],
      [[1, 2, 5, 1], [1, -2, 3, 4, 5, -1, 7, 1]],
      [[-4, 2, 0, 1], [-5, 1, 9, 3]],
    ];
    for (let i = 0; i < 40; i++) cases.push([tally(Math.floor(rand() * 60), 1 + Math.floor(rand() * 400)), tally(Math.floor(rand() * 60), 80)]);
    for (const [a, b] of cases) {
      const pairs = (x: number[]) => `{${x.join(",")}}`;
      const [row] = await rowsOf<{ added: number[]; tallied: number[] }>(
        t.db,
        sql`SELECT analytics_sparse_tally_add(${pairs(a)}::int[], ${pairs(b)}::int[]) AS added,
                   (SELECT analytics_sparse_tally(array_agg(p.k), array_agg(p.n)) FROM (
                      SELECT x[i] AS k, x[i + 1] AS n FROM (VALUES (${pairs(a)}::int[]), (${pairs(b)}::int[])) AS v(x),
                             generate_subscripts(x, 1) AS i WHERE i % 2 = 1) AS p) AS tallied`,
      );
      expect([...row.added], `${a} + ${b}`).toEqual([...row.tallied]);
    }
  });
});

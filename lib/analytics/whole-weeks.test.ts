import { describe, expect, it } from "vitest";
import { addDays } from "./period";
import { wholeWeeks } from "./whole-weeks";

describe("whole weeks of a period", () => {
  it("run from the first Monday on or after the first day to the last Monday on or before the end", () => {
    // 2026-11-02 is a Monday.
    expect(wholeWeeks("2026-11-02", "2026-11-09")).toEqual({ firstWeek: "2026-11-02", endWeek: "2026-11-09" });
    expect(wholeWeeks("2026-10-31", "2026-11-30")).toEqual({ firstWeek: "2026-11-02", endWeek: "2026-11-30" });
    expect(wholeWeeks("2026-11-03", "2026-12-03")).toEqual({ firstWeek: "2026-11-09", endWeek: "2026-11-30" });
    expect(wholeWeeks("2026-11-01", "2026-11-16")).toEqual({ firstWeek: "2026-11-02", endWeek: "2026-11-16" });
  });

  it("are none when no Monday-to-Sunday lies inside", () => {
    expect(wholeWeeks("2026-11-03", "2026-11-10")).toBeNull();
    expect(wholeWeeks("2026-11-02", "2026-11-08")).toBeNull();
    expect(wholeWeeks("2026-11-05", "2026-11-06")).toBeNull();
  });

  it("cover every day of their weeks and no day outside the period, for any start and length", () => {
    for (let start = 0; start < 14; start++) {
      for (let length = 1; length <= 40; length++) {
        const firstDay = addDays("2026-10-26", start);
        const endDay = addDays(firstDay, length);
        const w = wholeWeeks(firstDay, endDay);
        if (!w) {
          expect(length).toBeLessThan(13);
          continue;
        }
        expect(w.firstWeek >= firstDay && w.endWeek <= endDay).toBe(true);
        expect(new Date(`${w.firstWeek}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(new Date(`${w.endWeek}T00:00:00Z`).getUTCDay()).toBe(1);
        // no room for another whole week on either side
        expect(addDays(firstDay, 7) > w.firstWeek).toBe(true);
        expect(addDays(w.endWeek, 7) > endDay).toBe(true);
      }
    }
  });
});

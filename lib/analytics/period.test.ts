import { describe, expect, it } from "vitest";
import { isTimeZone, localDay, resolvePeriod, startOfLocalDay } from "./period";

describe("report periods in a time zone", () => {
  it("starts a local day at local midnight, across daylight-saving changes", () => {
    // New York: EST (UTC−5) until 2 a.m. on 9 March 2025, then EDT (UTC−4).
    expect(startOfLocalDay("2025-03-09", "America/New_York").toISOString()).toBe("2025-03-09T05:00:00.000Z");
    expect(startOfLocalDay("2025-03-10", "America/New_York").toISOString()).toBe("2025-03-10T04:00:00.000Z");
    // Tokyo has no DST and is ahead of UTC: its day begins the evening before in UTC.
    expect(startOfLocalDay("2025-03-10", "Asia/Tokyo").toISOString()).toBe("2025-03-09T15:00:00.000Z");
    // Kathmandu's offset is +05:45.
    expect(startOfLocalDay("2025-06-01", "Asia/Kathmandu").toISOString()).toBe("2025-05-31T18:15:00.000Z");
  });

  it("a day with a DST change is 23 or 25 hours long", () => {
    const p = resolvePeriod({ preset: "custom", timeZone: "Europe/Berlin", now: new Date(), firstDay: "2025-03-30", lastDay: "2025-03-30" });
    expect((p.to.getTime() - p.from.getTime()) / 3_600_000).toBe(23);
    const q = resolvePeriod({ preset: "custom", timeZone: "Europe/Berlin", now: new Date(), firstDay: "2025-10-26", lastDay: "2025-10-26" });
    expect((q.to.getTime() - q.from.getTime()) / 3_600_000).toBe(25);
  });

  it("presets end with today in the zone", () => {
    const now = new Date("2025-03-16T02:30:00Z"); // 15 March, 22:30 in New York; 16 March, 11:30 in Tokyo
    const ny = resolvePeriod({ preset: "today", timeZone: "America/New_York", now });
    expect([ny.firstDay, ny.lastDay]).toEqual(["2025-03-15", "2025-03-15"]);
    expect(ny.from.toISOString()).toBe("2025-03-15T04:00:00.000Z");
    expect(ny.to.toISOString()).toBe("2025-03-16T04:00:00.000Z");
    const tokyo = resolvePeriod({ preset: "7d", timeZone: "Asia/Tokyo", now });
    expect([tokyo.firstDay, tokyo.lastDay]).toEqual(["2025-03-10", "2025-03-16"]);
    const month = resolvePeriod({ preset: "30d", timeZone: "UTC", now });
    expect([month.firstDay, month.lastDay]).toEqual(["2025-02-15", "2025-03-16"]);
    expect(month.to.toISOString()).toBe("2025-03-17T00:00:00.000Z");
  });

  it("knows real zone names", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(localDay(new Date("2025-01-01T03:00:00Z"), "America/Los_Angeles")).toBe("2024-12-31");
  });
});

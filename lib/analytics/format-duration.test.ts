import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration";

describe("formatDuration", () => {
  it("reads as people say it", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(0.04)).toBe("< 1 s");
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(12 * 60 + 20)).toBe("12 min");
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe("3 h 20 min");
    expect(formatDuration(7200)).toBe("2 h");
    expect(formatDuration(2 * 86400 + 4 * 3600)).toBe("2 d 4 h");
    expect(formatDuration(86400)).toBe("1 d");
  });
});

import { describe, expect, it } from "vitest";
import { badgeLabel } from "./notification-badge";

describe("badgeLabel", () => {
  it("shows the true count up to 99, then 99+", () => {
    expect(badgeLabel(1)).toBe("1");
    expect(badgeLabel(20)).toBe("20");
    expect(badgeLabel(21)).toBe("21");
    expect(badgeLabel(99)).toBe("99");
    expect(badgeLabel(100)).toBe("99+");
    expect(badgeLabel(12345)).toBe("99+");
  });
  it("shows nothing for none (or nonsense)", () => {
    expect(badgeLabel(0)).toBeNull();
    expect(badgeLabel(-3)).toBeNull();
    expect(badgeLabel(Number.NaN)).toBeNull();
  });
});

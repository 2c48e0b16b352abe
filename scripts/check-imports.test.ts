import { expect, test } from "vitest";
import { findLayeringViolations } from "./check-imports";

test("lib/ is framework-free, db/ imports nothing above it, and lib/ folders import no cycle", () => {
  expect(findLayeringViolations()).toEqual([]);
});

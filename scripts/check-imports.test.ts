import { expect, test } from "vitest";
import { findLayeringViolations } from "./check-imports";

test("lib/ is framework-free, db/ imports nothing above it, components/ reach app/ only for actions, and lib/ folders import no cycle", () => {
  expect(findLayeringViolations()).toEqual([]);
});

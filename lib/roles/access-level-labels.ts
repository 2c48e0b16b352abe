import type { AccessLevel } from "@/lib/access/permissions";

export const accessLevels = ["none", "viewer", "agent"] as const satisfies readonly AccessLevel[];

/** The labels of SPEC §2, shown on the Roles tab and in its history. */
export const accessLevelLabels: Record<AccessLevel, string> = {
  none: "No access",
  viewer: "Viewer",
  agent: "Agent",
};

/** The `transferTo` value that leaves a demoted agent's conversations Unassigned. */
export const UNASSIGNED = "unassigned";

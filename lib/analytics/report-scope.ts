import { ForbiddenError, permissionsOf, type Actor } from "@/lib/access/permissions";

/**
 * Whose figures an actor may see: admins the whole team ("analytics.viewTeam"), agents only
 * their own ("analytics.viewOwn"); anyone else nothing.
 */
export type ReportScope = { kind: "team" } | { kind: "own"; agentId: string };

export function reportScopeOf(actor: Actor | null | undefined): ReportScope {
  const granted = actor ? permissionsOf(actor) : new Set<string>();
  if (actor && granted.has("analytics.viewTeam")) return { kind: "team" };
  if (actor && granted.has("analytics.viewOwn")) return { kind: "own", agentId: actor.userId };
  throw new ForbiddenError("analytics.viewOwn");
}

export function canViewAnalytics(actor: Actor | null | undefined): boolean {
  try {
    reportScopeOf(actor);
    return true;
  } catch {
    return false;
  }
}

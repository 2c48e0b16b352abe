import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { accounts, groups, tags, users } from "@/db/schema";
import type { Actor } from "@/lib/access/permissions";
import { reportScopeOf } from "./report-scope";

export type ReportFilterOptions = {
  /** Agents and groups to narrow by: only offered to those who see the team. */
  agents: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  tags: { id: string; name: string }[];
  accountTimeZone: string;
};

/** What the Analytics filters offer the actor: agents and groups only to admins. */
export async function getReportFilterOptions({ db, actor }: { db: Db; actor: Actor }): Promise<ReportFilterOptions> {
  const scope = reportScopeOf(actor);
  const [account] = await db.select({ timeZone: accounts.timeZone }).from(accounts).where(eq(accounts.id, actor.accountId));
  const tagRows = await db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(eq(tags.accountId, actor.accountId))
    .orderBy(asc(tags.name));
  if (scope.kind === "own") return { agents: [], groups: [], tags: tagRows, accountTimeZone: account?.timeZone ?? "UTC" };
  const [agentRows, groupRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.accountId, actor.accountId), eq(users.accessLevel, "agent")))
      .orderBy(asc(users.name)),
    db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(eq(groups.accountId, actor.accountId))
      .orderBy(asc(groups.name)),
  ]);
  return { agents: agentRows, groups: groupRows, tags: tagRows, accountTimeZone: account?.timeZone ?? "UTC" };
}

import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/database";
import { savedResponseCategories, savedResponses } from "@/db/schema";
import { can, ForbiddenError, type Actor } from "@/lib/access/permissions";

export type SavedResponseCategory = { id: string; name: string; responses: { id: string; title: string; body: string }[] };

/** Categories with their responses: for the composer's picker (agents) and the admin page. */
export async function listSavedResponses({ db, actor }: { db: Db; actor: Actor }): Promise<SavedResponseCategory[]> {
  if (!can(actor, "savedResponses.use") && !can(actor, "savedResponses.manage")) throw new ForbiddenError("savedResponses.use");
  const rows = await db
    .select({
      categoryId: savedResponseCategories.id,
      categoryName: savedResponseCategories.name,
      id: savedResponses.id,
      title: savedResponses.title,
      body: savedResponses.body,
    })
    .from(savedResponseCategories)
    .leftJoin(
      savedResponses,
      and(eq(savedResponses.categoryId, savedResponseCategories.id), isNull(savedResponses.archivedAt)),
    )
    .where(and(eq(savedResponseCategories.accountId, actor.accountId), isNull(savedResponseCategories.archivedAt)))
    .orderBy(asc(savedResponseCategories.name), asc(savedResponses.title));
  const byId = new Map<string, SavedResponseCategory>();
  for (const r of rows) {
    const category = byId.get(r.categoryId) ?? { id: r.categoryId, name: r.categoryName, responses: [] };
    byId.set(r.categoryId, category);
    if (r.id) category.responses.push({ id: r.id, title: r.title!, body: r.body! });
  }
  return [...byId.values()];
}

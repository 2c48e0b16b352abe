import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { savedResponseCategories, savedResponses } from "@/db/schema";
import { can, ForbiddenError, requirePermission, type Actor } from "@/lib/access/permissions";
import { fail, fromZodError, isUniqueViolation, type Result } from "@/lib/result";

/**
 * Saved Responses (SPEC §4): admins manage them; agents insert them, literally — personalization
 * tags such as {{first_name}} are kept as written. Archived instead of deleted.
 */
export const categoryInput = z.object({
  name: z.string().trim().min(1, "Enter a category name.").max(60, "Category names are 60 characters at most."),
});

export const savedResponseInput = z.object({
  categoryId: z.string().uuid("Pick a category."),
  title: z.string().trim().min(1, "Enter a title.").max(80, "Titles are 80 characters at most."),
  body: z.string().trim().min(1, "Enter the response text.").max(5_000, "Saved responses are 5 000 characters at most."),
});

export const renameCategoryInput = categoryInput.extend({ id: z.string().uuid("Category not found.") });
export const archiveCategoryInput = z.object({ id: z.string().uuid("Category not found.") });
export const updateSavedResponseInput = savedResponseInput.extend({ id: z.string().uuid("Saved response not found.") });
export const archiveSavedResponseInput = z.object({ id: z.string().uuid("Saved response not found.") });

export async function createSavedResponseCategory({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof categoryInput>;
}): Promise<Result<{ id: string }>> {
  requirePermission(actor, "savedResponses.manage");
  const parsed = categoryInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  try {
    const [row] = await db
      .insert(savedResponseCategories)
      .values({ accountId: actor.accountId, name: parsed.data.name })
      .returning({ id: savedResponseCategories.id });
    return { ok: true, value: row };
  } catch (error) {
    if (isUniqueViolation(error)) return fail("A category with this name already exists.", { name: "A category with this name already exists." });
    throw error;
  }
}

export async function renameSavedResponseCategory({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof renameCategoryInput>;
}): Promise<Result<{ id: string }>> {
  requirePermission(actor, "savedResponses.manage");
  const parsed = renameCategoryInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  try {
    const updated = await db
      .update(savedResponseCategories)
      .set({ name: parsed.data.name })
      .where(
        and(
          eq(savedResponseCategories.id, parsed.data.id),
          eq(savedResponseCategories.accountId, actor.accountId),
          isNull(savedResponseCategories.archivedAt),
        ),
      )
      .returning({ id: savedResponseCategories.id });
    return updated.length ? { ok: true, value: { id: parsed.data.id } } : fail("Category not found.");
  } catch (error) {
    if (isUniqueViolation(error)) return fail("A category with this name already exists.", { name: "A category with this name already exists." });
    throw error;
  }
}

/** Archives the category; its responses leave the picker with it but stay stored (nothing is deleted). */
export async function archiveSavedResponseCategory({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof archiveCategoryInput>;
}): Promise<Result<{ id: string }>> {
  requirePermission(actor, "savedResponses.manage");
  const parsed = archiveCategoryInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const updated = await db
    .update(savedResponseCategories)
    .set({ archivedAt: new Date() })
    .where(
      and(
        eq(savedResponseCategories.id, parsed.data.id),
        eq(savedResponseCategories.accountId, actor.accountId),
        isNull(savedResponseCategories.archivedAt),
      ),
    )
    .returning({ id: savedResponseCategories.id });
  return updated.length ? { ok: true, value: { id: parsed.data.id } } : fail("Category not found.");
}

async function categoryInAccount(db: Db, accountId: string, categoryId: string) {
  const [row] = await db
    .select({ id: savedResponseCategories.id })
    .from(savedResponseCategories)
    .where(
      and(
        eq(savedResponseCategories.id, categoryId),
        eq(savedResponseCategories.accountId, accountId),
        isNull(savedResponseCategories.archivedAt),
      ),
    );
  return !!row;
}

export async function createSavedResponse({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof savedResponseInput>;
}): Promise<Result<{ id: string }>> {
  requirePermission(actor, "savedResponses.manage");
  const parsed = savedResponseInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  return db.transaction(async (tx) => {
    if (!(await categoryInAccount(tx, actor.accountId, parsed.data.categoryId))) {
      return fail("Category not found.", { categoryId: "Category not found." });
    }
    const [row] = await tx
      .insert(savedResponses)
      .values({ accountId: actor.accountId, ...parsed.data })
      .returning({ id: savedResponses.id });
    return { ok: true as const, value: row };
  });
}

export async function updateSavedResponse({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof updateSavedResponseInput>;
}): Promise<Result<{ id: string }>> {
  requirePermission(actor, "savedResponses.manage");
  const parsed = updateSavedResponseInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { id, ...fields } = parsed.data;
  return db.transaction(async (tx) => {
    if (!(await categoryInAccount(tx, actor.accountId, fields.categoryId))) {
      return fail("Category not found.", { categoryId: "Category not found." });
    }
    const updated = await tx
      .update(savedResponses)
      .set({ ...fields, updatedAt: new Date() })
      .where(and(eq(savedResponses.id, id), eq(savedResponses.accountId, actor.accountId), isNull(savedResponses.archivedAt)))
      .returning({ id: savedResponses.id });
    return updated.length ? { ok: true as const, value: { id } } : fail("Saved response not found.");
  });
}

export async function archiveSavedResponse({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.input<typeof archiveSavedResponseInput>;
}): Promise<Result<{ id: string }>> {
  requirePermission(actor, "savedResponses.manage");
  const parsed = archiveSavedResponseInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const updated = await db
    .update(savedResponses)
    .set({ archivedAt: new Date() })
    .where(and(eq(savedResponses.id, parsed.data.id), eq(savedResponses.accountId, actor.accountId), isNull(savedResponses.archivedAt)))
    .returning({ id: savedResponses.id });
  return updated.length ? { ok: true, value: { id: parsed.data.id } } : fail("Saved response not found.");
}

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

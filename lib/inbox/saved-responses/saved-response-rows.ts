import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { savedResponseCategories, savedResponses } from "@/db/schema";
import { fail, failField, isUniqueViolation, ok, type Result } from "@/lib/result";

/**
 * Saved Responses (SPEC §4): admins manage them; agents insert them, literally — personalization
 * tags such as {{first_name}} are kept as written. Archived instead of deleted.
 * What the commands of this folder share: their inputs and the "live row of the account" rules.
 */
export const categoryInput = z.object({
  name: z.string().trim().min(1, "Enter a category name.").max(60, "Category names are 60 characters at most."),
});

export const savedResponseInput = z.object({
  categoryId: z.string().uuid("Pick a category."),
  title: z.string().trim().min(1, "Enter a title.").max(80, "Titles are 80 characters at most."),
  body: z.string().trim().min(1, "Enter the response text.").max(5_000, "Saved responses are 5 000 characters at most."),
});

const CATEGORY_NOT_FOUND = "Category not found.";
const RESPONSE_NOT_FOUND = "Saved response not found.";

export const renameCategoryInput = categoryInput.extend({ id: z.string().uuid(CATEGORY_NOT_FOUND) });
export const archiveCategoryInput = z.object({ id: z.string().uuid(CATEGORY_NOT_FOUND) });
export const updateSavedResponseInput = savedResponseInput.extend({ id: z.string().uuid(RESPONSE_NOT_FOUND) });
export const archiveSavedResponseInput = z.object({ id: z.string().uuid(RESPONSE_NOT_FOUND) });

/** Category names are unique per account (among live and archived ones alike). */
export function categoryNameTaken(error: unknown) {
  if (isUniqueViolation(error)) return failField("name", "A category with this name already exists.");
}

const kinds = {
  category: { table: savedResponseCategories, notFound: CATEGORY_NOT_FOUND },
  response: { table: savedResponses, notFound: RESPONSE_NOT_FOUND },
};

type Kind = keyof typeof kinds;
type Table = (typeof kinds)[Kind]["table"];

const liveRow = (table: Table, accountId: string, id: string) => and(eq(table.id, id), eq(table.accountId, accountId), isNull(table.archivedAt));

/** Updates the account's live (unarchived) category or response; "not found" when there is none. */
export async function updateLive<K extends Kind>({
  db,
  kind,
  accountId,
  id,
  set,
}: {
  db: Db;
  kind: K;
  accountId: string;
  id: string;
  set: Partial<(typeof kinds)[K]["table"]["$inferInsert"]>;
}): Promise<Result<{ id: string }>> {
  const { table, notFound } = kinds[kind];
  const updated = await db
    .update(table as typeof savedResponseCategories)
    .set(set as Partial<typeof savedResponseCategories.$inferInsert>)
    .where(liveRow(table, accountId, id))
    .returning({ id: table.id });
  return updated.length ? ok({ id }) : fail(notFound);
}

/** Responses go only into a live category of the account. */
export async function requireLiveCategory({ db, accountId, categoryId }: { db: Db; accountId: string; categoryId: string }) {
  const [row] = await db.select({ id: savedResponseCategories.id }).from(savedResponseCategories).where(liveRow(savedResponseCategories, accountId, categoryId));
  return row ? null : failField("categoryId", CATEGORY_NOT_FOUND);
}

import { savedResponseCategories } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { ok, type Result } from "@/lib/result";
import { categoryInput, categoryNameTaken } from "./saved-response-rows";

export const createSavedResponseCategory = defineCommand({
  permission: "savedResponses.manage",
  input: categoryInput,
  transaction: false,
  async run({ tx: db, actor, input: { name } }): Promise<Result<{ id: string }>> {
    const [row] = await db
      .insert(savedResponseCategories)
      .values({ accountId: actor.accountId, name })
      .returning({ id: savedResponseCategories.id });
    return ok(row);
  },
  rescue: categoryNameTaken,
});

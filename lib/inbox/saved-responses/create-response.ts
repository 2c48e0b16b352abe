import { savedResponses } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { ok, type Result } from "@/lib/result";
import { requireLiveCategory, savedResponseInput } from "./saved-response-rows";

export const createSavedResponse = defineCommand({
  permission: "savedResponses.manage",
  input: savedResponseInput,
  async run({ tx, actor, input }): Promise<Result<{ id: string }>> {
    const missing = await requireLiveCategory({ db: tx, accountId: actor.accountId, categoryId: input.categoryId });
    if (missing) return missing;
    const [row] = await tx
      .insert(savedResponses)
      .values({ accountId: actor.accountId, ...input })
      .returning({ id: savedResponses.id });
    return ok(row);
  },
});

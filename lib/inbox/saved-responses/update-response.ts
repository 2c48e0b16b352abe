import { defineCommand } from "@/lib/command";
import { requireLiveCategory, updateLive, updateSavedResponseInput } from "./saved-response-rows";

export const updateSavedResponse = defineCommand({
  permission: "savedResponses.manage",
  input: updateSavedResponseInput,
  async run({ tx, actor, input: { id, ...fields } }) {
    const missing = await requireLiveCategory({ db: tx, accountId: actor.accountId, categoryId: fields.categoryId });
    if (missing) return missing;
    return updateLive({ db: tx, kind: "response", accountId: actor.accountId, id, set: { ...fields, updatedAt: new Date() } });
  },
});

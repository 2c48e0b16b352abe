import { defineCommand } from "@/lib/command";
import { categoryNameTaken, renameCategoryInput, updateLive } from "./saved-response-rows";

export const renameSavedResponseCategory = defineCommand({
  permission: "savedResponses.manage",
  input: renameCategoryInput,
  transaction: false,
  run: ({ tx: db, actor, input: { id, name } }) => updateLive({ db, kind: "category", accountId: actor.accountId, id, set: { name } }),
  rescue: categoryNameTaken,
});

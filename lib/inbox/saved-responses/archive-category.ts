import { defineCommand } from "@/lib/command";
import { archiveCategoryInput, updateLive } from "./saved-response-rows";

/** Archives the category; its responses leave the picker with it but stay stored (nothing is deleted). */
export const archiveSavedResponseCategory = defineCommand({
  permission: "savedResponses.manage",
  input: archiveCategoryInput,
  transaction: false,
  run: ({ tx: db, actor, input: { id } }) => updateLive({ db, kind: "category", accountId: actor.accountId, id, set: { archivedAt: new Date() } }),
});

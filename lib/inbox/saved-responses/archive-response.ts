import { defineCommand } from "@/lib/command";
import { archiveSavedResponseInput, updateLive } from "./saved-response-rows";

/** Archived, not deleted: it leaves the picker and stays stored. */
export const archiveSavedResponse = defineCommand({
  permission: "savedResponses.manage",
  input: archiveSavedResponseInput,
  transaction: false,
  run: ({ tx: db, actor, input: { id } }) => updateLive({ db, kind: "response", accountId: actor.accountId, id, set: { archivedAt: new Date() } }),
});

"use server";

import { appUrl } from "@/app/app-url";
import { formAction, type FormState } from "@/app/command-action";
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from "@/lib/accounts/groups";
import { createInvite } from "@/lib/accounts/invites";

export type InviteFormState = FormState & { link?: string; email?: string };

export const inviteAction = formAction(createInvite, {
  with: async () => ({ appUrl: await appUrl() }),
  revalidate: ["/settings/team"],
  onSuccess: ({ link, email }) => ({ link, email }),
});

export const createGroupAction = formAction(createGroup, { revalidate: ["/settings/team"] });
export const renameGroupAction = formAction(renameGroup, { revalidate: ["/settings/team"] });
export const deleteGroupAction = formAction(deleteGroup, { revalidate: ["/settings/team"] });
export const addGroupMemberAction = formAction(addGroupMember, { revalidate: ["/settings/team"] });
export const removeGroupMemberAction = formAction(removeGroupMember, { revalidate: ["/settings/team"] });

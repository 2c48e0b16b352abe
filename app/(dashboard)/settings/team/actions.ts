"use server";

import { appUrl } from "@/app/app-url";
import { formAction, type FormState } from "@/app/command-action";
import { createInvite } from "@/lib/accounts/invites";

export type InviteFormState = FormState & { link?: string; email?: string };

export const inviteAction = formAction(createInvite, {
  with: async () => ({ appUrl: await appUrl() }),
  revalidate: ["/settings/team"],
  onSuccess: ({ link, email }) => ({ link, email }),
});

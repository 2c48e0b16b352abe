"use server";

import { guestFormAction } from "@/app/command-action";
import { signInAndOpenInbox } from "@/app/(auth)/open-inbox";
import { acceptInvite, acceptInviteInput } from "@/lib/accounts/invites";

export const acceptInviteAction = guestFormAction(acceptInvite, {
  input: acceptInviteInput,
  keep: ["name"],
  onSuccess: ({ email }, form) => signInAndOpenInbox(email, String(form.get("password"))),
});

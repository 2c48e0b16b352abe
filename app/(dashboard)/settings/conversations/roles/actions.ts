"use server";

import { formAction, type FormState } from "@/app/command-action";
import { accessLevelLabels } from "@/lib/roles/access-level-labels";
import { setAccessLevel } from "@/lib/roles/set-access-level";

export type AccessLevelFormState = FormState & {
  message?: string;
  /** Set with a no-free-seat error when the actor may buy seats ("Manage Seats" link). */
  canBuySeats?: boolean;
};

export const changeAccessLevelAction = formAction(setAccessLevel, {
  revalidate: [["/settings/conversations", "layout"]],
  onSuccess: ({ toLevel, changed }) => ({ message: changed ? `Changed to ${accessLevelLabels[toLevel]}.` : undefined }),
  onFailure: (failure) => ({ canBuySeats: "canBuySeats" in failure ? failure.canBuySeats : undefined }),
});

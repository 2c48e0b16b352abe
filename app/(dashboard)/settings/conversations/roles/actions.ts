"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { can } from "@/lib/access/permissions";
import { getCurrentActor } from "@/app/(auth)/current-actor";
import { accessLevelLabels } from "@/lib/roles/access-level-labels";
import { setAccessLevel } from "@/lib/roles/set-access-level";

export type AccessLevelFormState = {
  message?: string;
  error?: string;
  /** Set with a no-free-seat error when the actor may buy seats ("Manage Seats" link). */
  canBuySeats?: boolean;
};

const text = (value: FormDataEntryValue | null) => (typeof value === "string" && value !== "" ? value : undefined);

export async function changeAccessLevelAction(_: AccessLevelFormState, form: FormData): Promise<AccessLevelFormState> {
  const actor = await getCurrentActor();
  if (!can(actor, "roles.manage")) return { error: "Only admins can manage roles." };
  const input = { userId: text(form.get("userId")), level: text(form.get("level")), transferTo: text(form.get("transferTo")) };
  const result = await setAccessLevel({ db: await getDb(), actor, input });
  if (!result.ok) return { error: result.error, canBuySeats: result.canBuySeats };
  revalidatePath("/settings/conversations", "layout");
  const { toLevel, changed } = result.value;
  return { message: changed ? `Changed to ${accessLevelLabels[toLevel]}.` : undefined };
}

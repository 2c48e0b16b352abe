"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { can } from "@/lib/access/permissions";
import { createInvite } from "@/lib/accounts/invites";
import { getCurrentActor } from "@/app/(auth)/current-actor";

export type InviteFormState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  link?: string;
  email?: string;
};

async function appUrl() {
  if (process.env.APP_URL) return process.env.APP_URL;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
}

export async function inviteAction(_: InviteFormState, form: FormData): Promise<InviteFormState> {
  const actor = await getCurrentActor();
  if (!can(actor, "users.invite")) return { error: "Only admins can invite people." };
  const input = { email: String(form.get("email") ?? ""), asAdmin: form.get("asAdmin") === "on" };
  const result = await createInvite({ db: await getDb(), actor, input, appUrl: await appUrl() });
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors };
  revalidatePath("/settings/team");
  return { link: result.value.link, email: input.email.trim().toLowerCase() };
}

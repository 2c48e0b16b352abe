"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { can, type Actor } from "@/lib/access/permissions";
import type { Result } from "@/lib/result";
import { getCurrentActor } from "@/app/(auth)/current-actor";
import { archiveSavedResponseCategory } from "@/lib/inbox/saved-responses/archive-category";
import { archiveSavedResponse } from "@/lib/inbox/saved-responses/archive-response";
import { createSavedResponseCategory } from "@/lib/inbox/saved-responses/create-category";
import { createSavedResponse } from "@/lib/inbox/saved-responses/create-response";
import { renameSavedResponseCategory } from "@/lib/inbox/saved-responses/rename-category";
import { updateSavedResponse } from "@/lib/inbox/saved-responses/update-response";

export type SavedResponseFormState = { ok?: boolean; error?: string; fieldErrors?: Record<string, string>; at?: number };

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

/** Thin: the actor may manage → one lib command → form state → revalidate. */
async function run(command: (actor: Actor) => Promise<Result<unknown>>): Promise<SavedResponseFormState> {
  const actor = await getCurrentActor();
  if (!actor || !can(actor, "savedResponses.manage")) return { error: "Only admins can manage saved responses." };
  const result = await command(actor);
  if (!result.ok) return { error: result.error, fieldErrors: result.fieldErrors };
  revalidatePath("/settings/saved-responses");
  return { ok: true, at: Date.now() };
}

export async function createCategoryAction(_: SavedResponseFormState, form: FormData) {
  return run(async (actor) => createSavedResponseCategory({ db: await getDb(), actor, input: { name: text(form, "name") } }));
}

export async function renameCategoryAction(_: SavedResponseFormState, form: FormData) {
  return run(async (actor) => renameSavedResponseCategory({ db: await getDb(), actor, input: { id: text(form, "id"), name: text(form, "name") } }));
}

export async function archiveCategoryAction(_: SavedResponseFormState, form: FormData) {
  return run(async (actor) => archiveSavedResponseCategory({ db: await getDb(), actor, input: { id: text(form, "id") } }));
}

export async function saveResponseAction(_: SavedResponseFormState, form: FormData) {
  const fields = { categoryId: text(form, "categoryId"), title: text(form, "title"), body: text(form, "body") };
  const id = text(form, "id");
  return run(async (actor) =>
    id ? updateSavedResponse({ db: await getDb(), actor, input: { id, ...fields } }) : createSavedResponse({ db: await getDb(), actor, input: fields }),
  );
}

export async function archiveResponseAction(_: SavedResponseFormState, form: FormData) {
  return run(async (actor) => archiveSavedResponse({ db: await getDb(), actor, input: { id: text(form, "id") } }));
}

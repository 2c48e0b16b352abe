"use server";

import { formAction, type FormState } from "@/app/command-action";
import { archiveSavedResponseCategory } from "@/lib/inbox/saved-responses/archive-category";
import { archiveSavedResponse } from "@/lib/inbox/saved-responses/archive-response";
import { createSavedResponseCategory } from "@/lib/inbox/saved-responses/create-category";
import { createSavedResponse } from "@/lib/inbox/saved-responses/create-response";
import { renameSavedResponseCategory } from "@/lib/inbox/saved-responses/rename-category";
import { updateSavedResponse } from "@/lib/inbox/saved-responses/update-response";

export type SavedResponseFormState = FormState & { at?: number };

/** `at` tells a form that saved twice in a row apart (it resets after each success). */
const saved = { revalidate: ["/settings/saved-responses"], onSuccess: () => ({ at: Date.now() }) };

export const createCategoryAction = formAction(createSavedResponseCategory, saved);
export const renameCategoryAction = formAction(renameSavedResponseCategory, saved);
export const archiveCategoryAction = formAction(archiveSavedResponseCategory, saved);
export const createResponseAction = formAction(createSavedResponse, saved);
export const updateResponseAction = formAction(updateSavedResponse, saved);
export const archiveResponseAction = formAction(archiveSavedResponse, saved);

"use server";

import { formAction, type FormState } from "@/app/command-action";
import { updateAssignmentSettings } from "@/lib/inbox/assignment/assignment-settings";

export const assignmentSettingsAction = formAction(updateAssignmentSettings, { revalidate: ["/settings/conversations/assignment"] });

export type AssignmentFormState = FormState;

"use server";

import { callAction, formAction, type FormState } from "@/app/command-action";
import { updateAssignmentSettings } from "@/lib/inbox/assignment/assignment-settings";
import { setChannelGroup } from "@/lib/inbox/assignment/channel-groups";

export const assignmentSettingsAction = formAction(updateAssignmentSettings, { revalidate: ["/settings/conversations/assignment"] });

export type AssignmentFormState = FormState;

export const channelGroupAction = callAction(setChannelGroup);

"use server";

import { callAction, formAction, queryAction, type FormState } from "@/app/command-action";
import { assignConversation } from "@/lib/inbox/assign";
import { completeConversation } from "@/lib/inbox/complete";
import { createContact } from "@/lib/inbox/create-contact";
import { editContact } from "@/lib/inbox/edit-contact";
import { markNotificationsRead } from "@/lib/inbox/mark-notifications-read";
import { markRead } from "@/lib/inbox/mark-read";
import { reply } from "@/lib/inbox/reply";
import { retryDelivery } from "@/lib/inbox/retry-delivery";
import { updateNotificationSettings } from "@/lib/inbox/notification-settings";
import { searchContacts, type ContactSummary } from "@/lib/inbox/queries/contacts";
import { getThread } from "@/lib/inbox/queries/get-thread";
import { getConversationRow, listConversations, type ListConversationsInput } from "@/lib/inbox/queries/list-conversations";
import { countUnreadNotifications, listNotifications } from "@/lib/inbox/queries/notifications";
import { startConversation } from "@/lib/inbox/start-conversation";
import { tagConversation, untagConversation } from "@/lib/inbox/tags";
import { writeNote } from "@/lib/inbox/notes/write-note";
import { setAvailability } from "@/lib/inbox/assignment/agent-status";
import { assignToGroup } from "@/lib/inbox/assignment/assign-group";

export type ActionState = FormState & { id?: string };

export const loadConversationRowAction = queryAction((q, conversationId: string) => getConversationRow({ ...q, conversationId: String(conversationId) }));
export const loadConversationsAction = queryAction((q, input: ListConversationsInput) => listConversations({ ...q, input }));
export const loadThreadAction = queryAction((q, conversationId: string) => getThread({ ...q, conversationId: String(conversationId) }));
export const searchContactsAction = queryAction((q, query: string) => searchContacts({ ...q, query }));
export const loadNotificationsAction = queryAction((q) => listNotifications(q));
export const countUnreadNotificationsAction = queryAction((q) => countUnreadNotifications(q));

export const markReadAction = callAction(markRead);
export const replyAction = formAction(reply);
export const retryDeliveryAction = callAction(retryDelivery);
export const noteAction = formAction(writeNote);
export const setAvailabilityAction = callAction(setAvailability);
export const completeAction = callAction(completeConversation);
export const assignAction = callAction(assignConversation);
export const assignGroupAction = callAction(assignToGroup);
export const tagAction = formAction(tagConversation);
export const untagAction = callAction(untagConversation);
export const startConversationAction = formAction(startConversation, { onSuccess: ({ conversationId }) => ({ id: conversationId }) });
export const editContactAction = formAction(editContact);
export type ContactFormState = FormState & { contact?: ContactSummary };
export const createContactAction = formAction(createContact, { revalidate: ["/inbox/contacts"], onSuccess: (contact) => ({ contact }) });
export const markNotificationsReadAction = callAction(markNotificationsRead);
export const notificationSettingsAction = formAction(updateNotificationSettings, { revalidate: [["/", "layout"]] });

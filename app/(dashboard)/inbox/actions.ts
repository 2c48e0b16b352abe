"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { ForbiddenError } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";
import { assignConversation } from "@/lib/inbox/assign";
import { completeConversation } from "@/lib/inbox/complete";
import { editContact } from "@/lib/inbox/edit-contact";
import { markNotificationsRead } from "@/lib/inbox/mark-notifications-read";
import { markRead } from "@/lib/inbox/mark-read";
import { updateNotificationSettings } from "@/lib/inbox/notification-settings";
import { searchContacts } from "@/lib/inbox/queries/contacts";
import { getThread } from "@/lib/inbox/queries/get-thread";
import { getConversationRow, listConversations, type ListConversationsInput } from "@/lib/inbox/queries/list-conversations";
import { listNotifications } from "@/lib/inbox/queries/notifications";
import { reply } from "@/lib/inbox/reply";
import { deliverOutbound } from "@/lib/channels/delivery/deliver-outbound";
import { isAccountSmsNumber } from "@/lib/message-channels/sms-numbers";
import { startConversation } from "@/lib/inbox/start-conversation";
import { tagConversation, untagConversation } from "@/lib/inbox/tags";

export type ActionState = { ok?: boolean; error?: string; fieldErrors?: Record<string, string>; id?: string };

/** Maps a refused permission to a message; authorization itself happens in lib. */
async function guarded<T>(run: () => Promise<T>): Promise<T | { ok: false; error: string }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ForbiddenError) return { ok: false, error: "You don't have permission to do this." };
    throw error;
  }
}

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function loadConversationRowAction(conversationId: string) {
  const actor = await requireActor();
  return guarded(async () => getConversationRow({ db: await getDb(), actor, conversationId: String(conversationId) }));
}

export async function loadConversationsAction(input: ListConversationsInput) {
  const actor = await requireActor();
  return guarded(async () => listConversations({ db: await getDb(), actor, input }));
}

export async function loadThreadAction(conversationId: string) {
  const actor = await requireActor();
  return guarded(async () => getThread({ db: await getDb(), actor, conversationId: String(conversationId) }));
}

export async function markReadAction(conversationId: string) {
  const actor = await requireActor();
  return guarded(async () => markRead({ db: await getDb(), actor, input: { conversationId } }));
}

export async function replyAction(_: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const db = await getDb();
  const input = { conversationId: text(form, "conversationId"), channel: text(form, "channel") as never, body: text(form, "body") };
  const smsFrom = input.channel === "sms" ? text(form, "smsFrom") || null : null;
  if (smsFrom && !(await isAccountSmsNumber({ db, accountId: actor.accountId, number: smsFrom }))) {
    return { error: "Pick one of the account's SMS numbers.", fieldErrors: { smsFrom: "Pick one of the account's SMS numbers." } };
  }
  const result = await guarded(async () => reply({ db, actor, input }));
  if (!result.ok) return { error: result.error, fieldErrors: "fieldErrors" in result ? result.fieldErrors : undefined };
  // After the commit: the message is stored whatever the provider says; the delivery row records the outcome.
  const delivery = await deliverOutbound({ db, accountId: actor.accountId, messageId: result.value.messageId, smsFrom });
  return delivery.ok ? { ok: true } : { ok: true, error: `Saved, but not delivered: ${delivery.error}` };
}

export async function completeAction(conversationId: string): Promise<ActionState> {
  const actor = await requireActor();
  const result = await guarded(async () => completeConversation({ db: await getDb(), actor, input: { conversationId } }));
  return result.ok ? { ok: true } : { error: result.error };
}

export async function assignAction(conversationId: string, assigneeId: string | null): Promise<ActionState> {
  const actor = await requireActor();
  const result = await guarded(async () => assignConversation({ db: await getDb(), actor, input: { conversationId, assigneeId } }));
  return result.ok ? { ok: true } : { error: result.error };
}

export async function tagAction(_: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const input = { conversationId: text(form, "conversationId"), name: text(form, "name") };
  const result = await guarded(async () => tagConversation({ db: await getDb(), actor, input }));
  return result.ok ? { ok: true } : { error: result.error };
}

export async function untagAction(conversationId: string, tagId: string): Promise<ActionState> {
  const actor = await requireActor();
  const result = await guarded(async () => untagConversation({ db: await getDb(), actor, input: { conversationId, tagId } }));
  return result.ok ? { ok: true } : { error: result.error };
}

export async function searchContactsAction(query: string) {
  const actor = await requireActor();
  return guarded(async () => searchContacts({ db: await getDb(), actor, query: z.string().max(200).catch("").parse(query) }));
}

export async function startConversationAction(_: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const input = { contactId: text(form, "contactId"), channel: text(form, "channel") as never, body: text(form, "body") };
  const result = await guarded(async () => startConversation({ db: await getDb(), actor, input }));
  return result.ok
    ? { ok: true, id: result.value.conversationId }
    : { error: result.error, fieldErrors: "fieldErrors" in result ? result.fieldErrors : undefined };
}

export async function editContactAction(_: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const input = { contactId: text(form, "contactId"), name: text(form, "name"), email: text(form, "email"), phone: text(form, "phone") };
  const result = await guarded(async () => editContact({ db: await getDb(), actor, input }));
  return result.ok ? { ok: true } : { error: result.error, fieldErrors: "fieldErrors" in result ? result.fieldErrors : undefined };
}

export async function loadNotificationsAction() {
  const actor = await requireActor();
  return listNotifications({ db: await getDb(), actor });
}

export async function markNotificationsReadAction(ids?: string[]) {
  const actor = await requireActor();
  return guarded(async () => markNotificationsRead({ db: await getDb(), actor, input: { ids } }));
}

export async function notificationSettingsAction(_: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const input = { desktop: form.get("desktop") === "on", audio: form.get("audio") === "on" };
  const result = await guarded(async () => updateNotificationSettings({ db: await getDb(), actor, input }));
  if (!result.ok) return { error: result.error };
  revalidatePath("/", "layout");
  return { ok: true };
}

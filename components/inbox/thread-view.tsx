"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { loadThreadAction, markReadAction } from "@/app/(dashboard)/inbox/actions";
import { useRealtimeEvents } from "@/components/realtime/realtime-provider";
import { messageChannelLabel } from "@/lib/message-channels/message-channels";
import type { Thread } from "@/lib/inbox/queries/get-thread";
import type { SavedResponseCategory } from "@/lib/inbox/saved-responses/list-saved-responses";
import { handleRealtimeEvent } from "@/lib/realtime/events";
import { AgentSelect } from "./agent-select";
import { Avatar } from "./avatar";
import { Composer } from "./composer";
import { CollisionBar } from "./collision-bar";
import { ContactCard } from "./contact-card";
import { DeliveryStatus } from "./delivery-status";
import { ContactAddresses } from "./contact-addresses";
import { DetailsPanel } from "./details-panel";
import { OPEN_DETAILS_EVENT } from "./inbox-commands";
import { fullTime, shortTime } from "./format-time";
import { MessageAttachments } from "./message-attachments";
import { NoteItem } from "./note-item";
import { LoadEarlierButton } from "./load-earlier-button";
import { useEarlierMessages } from "./use-earlier-messages";
import { ReplyOrNote } from "./reply-or-note";
import { TagEditor } from "./tag-editor";
import { useConversationPresence } from "./use-conversation-presence";
import { someoneElseReplied } from "@/lib/inbox/collision/typing";

type Props = {
  initialThread: Thread;
  agents: { id: string; name: string }[];
  groups?: { id: string; name: string }[];
  savedResponses: SavedResponseCategory[];
  /** Opened from a notification: scroll to this message (loading earlier pages if needed). */
  focusMessageId?: number | null;
  /** The signed-in user (drafts are kept under them). */
  meId: string;
  /** The list, for the back link of the phone layout. */
  backHref: string;
};

/**
 * The open conversation: messages (live), the composer and the conversation's controls, as the
 * thread's `abilities` (from the server, refetched with it on every change) allow.
 */
export function ThreadView({ initialThread, agents, groups = [], savedResponses, meId, backHref, focusMessageId = null }: Props) {
  const [thread, setThread] = useState(initialThread);
  // A server re-render (router.refresh, e.g. after the viewer's access level changed) brings a
  // fresh thread, with the abilities of the viewer's new level: adopt it.
  const [rendered, setRendered] = useState(initialThread);
  if (initialThread !== rendered) {
    setRendered(initialThread);
    setThread(initialThread);
  }
  const id = thread.conversation.id;
  const bottom = useRef<HTMLLIElement>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const closeDetails = useCallback(() => setDetailsOpen(false), []);
  useEffect(() => {
    const open = () => setDetailsOpen(true);
    window.addEventListener(OPEN_DETAILS_EVENT, open);
    return () => window.removeEventListener(OPEN_DETAILS_EVENT, open);
  }, []);

  const presence = useConversationPresence(id, meId);
  const [othersReplied, setOthersReplied] = useState(false);
  const repliedSeen = useCallback(() => setOthersReplied(false), []);
  const scroller = useRef<HTMLOListElement>(null);
  const shown = useEarlierMessages({ conversationId: id, latest: thread.messages, latestHasEarlier: thread.hasEarlier, focusMessageId, scroller });
  const lastId = shown.messages[shown.messages.length - 1]?.id;

  async function reload() {
    const next = await loadThreadAction(id);
    if (!next || "ok" in next) return;
    if (someoneElseReplied(thread.messages, next.messages, meId)) setOthersReplied(true);
    setThread(next);
    // A typist whose message arrived is done typing.
    const seen = new Set(thread.messages.map((m) => m.id));
    for (const m of next.messages) if (!seen.has(m.id) && m.direction === "out") presence.clearTyping(m.senderUserId);
  }

  const reloadIfThis = ({ conversationId }: { conversationId: string }) => {
    if (conversationId === id) void reload();
  };
  useRealtimeEvents((event) =>
    handleRealtimeEvent(event, {
      "conversation.changed": reloadIfThis,
      "message.created": reloadIfThis,
      "message.deliveryChanged": reloadIfThis,
      "contact.changed": ({ contactId }) => {
        if (contactId === thread.contact?.id) void reload();
      },
    }),
  );

  const { abilities } = thread;
  useEffect(() => {
    if (abilities.canMarkRead && thread.conversation.unread) void markReadAction({ conversationId: id });
  }, [abilities.canMarkRead, id, thread.conversation.unread]);

  useEffect(() => {
    // New messages at the bottom bring the view down; earlier pages and a focused message do not.
    if (!shown.focusPending) bottom.current?.scrollIntoView({ block: "end" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastId]);

  const c = thread.conversation;

  return (
    <div className="flex min-h-0 min-w-0 flex-1">
      <section className="flex min-w-0 flex-1 flex-col" aria-label="Conversation">
        <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-4 py-2.5">
          <Link href={backHref} className="-ml-1 rounded-md px-1.5 py-1 text-sm text-brand-700 hover:bg-slate-100 md:hidden" aria-label="Back to conversations">
            ← <span aria-hidden="true">Back</span>
          </Link>
          <div className="min-w-0 flex-1">
            <h2 className="truncate font-semibold" data-testid="thread-title">
              {c.name}
              {c.visitorOnline ? <span className="ml-2 inline-block h-2 w-2 rounded-full bg-green-500" title="Visitor online" /> : null}
            </h2>
            <p className="text-xs text-slate-500">
              #{c.number} · <span data-testid="thread-status">{c.status === "complete" ? "✓ Complete" : "Open"}</span> ·{" "}
              <span data-testid="thread-read">{c.unread ? "Unread" : "Read"}</span>
            </p>
          </div>
          <div className="ml-auto flex min-w-0 items-center gap-2">
            <button
              type="button"
              onClick={() => setDetailsOpen(true)}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 lg:hidden"
              aria-expanded={detailsOpen}
            >
              Contact
            </button>
            {abilities.canAssign ? (
              <AgentSelect
                conversationId={id}
                assigneeId={c.assigneeId}
                assignedGroupId={c.assignedGroupId}
                agents={agents}
                groups={groups}
                disabled={!abilities.canChangeAssignee}
              />
            ) : (
              <span className="text-sm text-slate-600" data-testid="assignee-readonly">
                {c.assigneeName ?? (c.assignedGroupName ? `Group: ${c.assignedGroupName}` : "Unassigned")}
              </span>
            )}
          </div>
        </header>

        <ol ref={scroller} className="flex-1 space-y-3 overflow-y-auto bg-slate-50 px-4 py-4" aria-label="Messages">
          <LoadEarlierButton hasEarlier={shown.hasEarlier} loading={shown.loading} error={shown.error} onLoad={() => void shown.loadEarlier()} />
          {shown.messages.map((m) =>
            m.kind === "note" ? (
              <NoteItem key={m.id} message={m} highlighted={m.id === focusMessageId} />
            ) : m.kind === "status" ? (
              <li key={m.id} id={`message-${m.id}`} className="text-center text-xs text-slate-500" data-kind="status">
                <span className="rounded-full bg-amber-50 px-3 py-1 text-amber-800">
                  {m.body} · <time suppressHydrationWarning>{fullTime(m.createdAt)}</time>
                </span>
              </li>
            ) : (
              <li
                key={m.id}
                id={`message-${m.id}`}
                data-focused={m.id === focusMessageId ? "" : undefined}
                className={`flex items-end gap-2 ${m.direction === "in" ? "" : "flex-row-reverse"}`} data-kind="message" data-sender={m.senderKind}>
                {m.direction === "in" ? (
                  <Avatar name={c.name} kind="contact" />
                ) : m.senderKind === "bot" ? (
                  <Avatar name="Bot" kind="bot" />
                ) : (
                  <Avatar name={m.senderName ?? "Agent"} />
                )}
                <div className={`max-w-[70%] ${m.direction === "in" ? "" : "text-right"}`}>
                  {m.body ? (
                    <div
                      className={`whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-left text-sm ${m.direction === "in" ? "bg-white text-slate-900 ring-1 ring-slate-200" : m.senderKind === "bot" ? "bg-violet-600 text-white" : "bg-brand-600 text-white"}`}
                    >
                      {m.body}
                    </div>
                  ) : null}
                  <MessageAttachments attachments={m.attachments} outbound={m.direction === "out"} />
                  <p className="mt-0.5 text-[11px] text-slate-500">
                    {m.direction === "out" ? `${m.senderKind === "bot" ? "Bot" : (m.senderName ?? "Agent")} · ` : ""}
                    <span data-channel-label>{m.channel ? messageChannelLabel[m.channel] : ""}</span>
                    {m.smsFrom ? <span data-sms-number>{` ${m.direction === "in" ? "from" : "via"} ${m.smsFrom}`}</span> : null} ·{" "}
                    <time suppressHydrationWarning>{shortTime(m.createdAt)}</time>
                    <DeliveryStatus messageId={m.id} delivery={m.delivery} canRetry={abilities.canReply} />
                  </p>
                </div>
              </li>
            ),
          )}
          <li ref={bottom} aria-hidden="true" />
        </ol>

        <CollisionBar viewers={presence.viewers} typing={presence.typing} contactName={c.name} />
        {abilities.canReply ? (
          <ReplyOrNote key={id} conversationId={id} agents={agents} canWriteNote={abilities.canWriteNote}>
          <Composer
            key={id}
            conversationId={id}
            availableChannels={thread.availableChannels}
            defaultChannel={thread.defaultChannel}
            smsNumbers={thread.smsNumbers}
            messengerRefusal={thread.messengerRefusal}
            savedResponses={savedResponses}
            canComplete={abilities.canComplete}
            recipients={thread.recipients}
            userId={meId}
            othersReplied={othersReplied}
            onRepliedSeen={repliedSeen}
            onTyping={presence.announceTyping}
            onSendStarted={presence.resetTyping}
          />
          </ReplyOrNote>
        ) : (
          <p className="border-t border-slate-200 bg-white px-4 py-3 text-sm text-slate-500" data-testid="read-only-note">
            You have view-only access: you can read conversations but not reply, assign, tag or complete them.
          </p>
        )}
      </section>

      <DetailsPanel open={detailsOpen} onClose={closeDetails}>
        <ContactCard contact={thread.contact} fallbackName={c.name} canEdit={abilities.canEditContact} />
        {thread.contact ? <ContactAddresses contactId={thread.contact.id} addresses={thread.contactAddresses} canEdit={abilities.canEditContact} /> : null}
        <TagEditor conversationId={id} tags={thread.tags} canEdit={abilities.canTag} />
      </DetailsPanel>
    </div>
  );
}

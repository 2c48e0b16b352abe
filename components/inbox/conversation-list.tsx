"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { loadConversationRowAction, loadConversationsAction } from "@/app/(dashboard)/inbox/actions";
import { useRealtimeEvents } from "@/components/realtime/realtime-provider";
import { rowMatchesFilter, type ConversationRow, type ListConversationsInput } from "@/lib/inbox/queries/conversation-filter";
import { handleRealtimeEvent } from "@/lib/realtime/events";
import { UndeliveredMark } from "./undelivered-mark";
import { ChannelIcon } from "./channel-icon";
import { shortTime } from "./format-time";

type Props = {
  initialRows: ConversationRow[];
  initialCursor: string | null;
  filter: ListConversationsInput;
  selectedId: string | null;
  meId: string;
  groupMembers: Record<string, string[]>;
};

function byActivity(a: ConversationRow, b: ConversationRow) {
  return b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id);
}

/**
 * The left pane. Realtime events patch single rows (one small fetch per changed conversation);
 * the list itself is never refetched for an event.
 */
export function ConversationList({ initialRows, initialCursor, filter, selectedId, meId, groupMembers }: Props) {
  const [rows, setRows] = useState(initialRows);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, startLoading] = useTransition();
  const params = useSearchParams();

  async function refreshRow(id: string) {
    const row = await loadConversationRowAction(id);
    if (!row || "ok" in row) return;
    setRows((current) => {
      const present = current.some((r) => r.id === id);
      const belongs = rowMatchesFilter(row, filter, { meId, groupMembers });
      const keep = belongs === null ? present : belongs;
      const others = current.filter((r) => r.id !== id);
      return keep ? [...others, row].sort(byActivity) : others;
    });
  }

  useRealtimeEvents((event) =>
    handleRealtimeEvent(event, {
      "conversation.changed": ({ conversationId }) => void refreshRow(conversationId),
      "message.deliveryChanged": ({ conversationId }) => void refreshRow(conversationId),
      "contact.changed": ({ contactId }) => {
        for (const r of rows) if (r.contactId === contactId) void refreshRow(r.id);
      },
    }),
  );

  const hrefFor = (id: string) => {
    const next = new URLSearchParams(params.toString());
    next.set("c", id);
    return `/inbox?${next.toString()}`;
  };

  if (rows.length === 0) {
    return <p className="p-6 text-center text-sm text-slate-500">No conversations here.</p>;
  }
  return (
    <div>
      <ul className="divide-y divide-slate-100" aria-label="Conversations">
        {rows.map((row) => (
          <li key={row.id} className="relative">
            <Link
              href={hrefFor(row.id)}
              className={`block px-3 py-2.5 hover:bg-slate-50 ${row.id === selectedId ? "bg-brand-50" : ""}`}
              data-conversation={row.number}
              data-conversation-id={row.id}
              data-name={row.name}
              data-unread={row.unread ? "true" : "false"}
              aria-current={row.id === selectedId ? "true" : undefined}
            >
              <div className="flex items-center gap-2">
                <span className="relative">
                  {row.visitorOnline ? (
                    <span className="absolute -left-1 -top-1 h-2.5 w-2.5 rounded-full bg-green-500 ring-2 ring-white" title="Visitor online" aria-label="Visitor online" />
                  ) : null}
                </span>
                <span className={`truncate text-sm ${row.unread ? "font-semibold text-slate-900" : "text-slate-700"}`}>{row.name}</span>
                <span className="flex items-center gap-0.5 text-slate-400">
                  {row.channels.map((c) => (
                    <ChannelIcon key={c} channel={c} />
                  ))}
                </span>
                {row.status === "complete" ? (
                  <span className="text-green-600" title="Complete" aria-label="Complete">
                    ✓
                  </span>
                ) : null}
                <span className="ml-auto shrink-0 text-xs text-slate-500" suppressHydrationWarning>
                  {shortTime(row.lastMessageAt)}
                </span>
              </div>
              <div className="mt-0.5 flex items-center gap-2">
                <p className={`truncate text-xs ${row.unread ? "text-slate-800" : "text-slate-500"}`}>
                  {row.undelivered ? <UndeliveredMark /> : null}
                  {row.preview}
                </p>
                {row.unread ? <span className="ml-auto h-2 w-2 shrink-0 rounded-full bg-brand-600" aria-label="Unread" /> : <span className="sr-only">Read</span>}
              </div>
              <div className="mt-1 flex flex-wrap items-center gap-1 text-[11px]">
                <span className="text-slate-500">#{row.number}</span>
                <span className={row.assigneeName || row.assignedGroupName ? "text-slate-600" : "text-amber-700"} data-assignee>
                  {row.assigneeName ?? (row.assignedGroupName ? `Group: ${row.assignedGroupName}` : "Unassigned")}
                </span>
                {row.tags.map((t) => (
                  <span key={t.id} className="rounded bg-slate-100 px-1.5 text-slate-600">
                    {t.name}
                  </span>
                ))}
              </div>
            </Link>
          </li>
        ))}
      </ul>
      {cursor ? (
        <button
          type="button"
          className="w-full py-2 text-sm text-brand-700 hover:bg-slate-50"
          disabled={loading}
          onClick={() =>
            startLoading(async () => {
              const page = await loadConversationsAction({ ...filter, cursor });
              if (!page.ok) return;
              setRows((current) => {
                const seen = new Set(current.map((r) => r.id));
                return [...current, ...page.value.rows.filter((r) => !seen.has(r.id))];
              });
              setCursor(page.value.nextCursor);
            })
          }
        >
          {loading ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </div>
  );
}

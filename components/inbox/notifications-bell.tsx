"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { countUnreadNotificationsAction, loadNotificationsAction, markNotificationsReadAction } from "@/app/(dashboard)/inbox/actions";
import { useRealtimeEvents } from "@/components/realtime/realtime-provider";
import type { NotificationPreferences } from "@/lib/inbox/notification-settings";
import type { NotificationItem } from "@/lib/inbox/queries/notifications";
import { badgeLabel } from "@/lib/inbox/notification-badge";
import { handleRealtimeEvent } from "@/lib/realtime/events";
import { AlertsPrompt } from "./alerts-prompt";
import { beep } from "./alert-sound";
import { useNotifications } from "./notifications-context";

const describe: Record<NotificationItem["kind"], string> = {
  new_conversation: "New conversation",
  new_message: "New message, unassigned",
  assigned: "Assigned to you",
  unassigned: "Now Unassigned",
  reopened: "Reopened",
  mention: "You were mentioned",
};

/**
 * The bell with a live list (SPEC §6), plus desktop (Notification API) and audio alerts per the
 * user's own settings. Mounted only for users who receive notifications (Agents).
 */
export function NotificationsBell({ settings }: { settings: NotificationPreferences }) {
  const { items, setItems, unread, setUnread } = useNotifications();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const search = useSearchParams();

  // The popover closes on Escape, on a click outside it and on navigation.
  useEffect(() => setOpen(false), [pathname, search]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  async function recount() {
    const n = await countUnreadNotificationsAction();
    if (typeof n === "number") setUnread(n);
  }

  async function arrived(notificationId: string) {
    const list = await loadNotificationsAction();
    if (!Array.isArray(list)) return;
    setItems(list);
    void recount();
    const latest = list.find((n) => n.id === notificationId);
    if (!latest) return;
    if (settings.audio) beep();
    if (settings.desktop && typeof Notification !== "undefined" && Notification.permission === "granted") {
      new Notification(describe[latest.kind], { body: `#${latest.conversationNumber} ${latest.contactName}`, tag: latest.id });
    }
  }

  useRealtimeEvents((event) =>
    handleRealtimeEvent(event, {
      "notification.created": ({ notificationId }) => void arrived(notificationId),
    }),
  );

  const badge = badgeLabel(unread);
  return (
    <div className="flex items-center gap-2">
    <AlertsPrompt settings={settings} />
    <div className="relative" ref={root}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="relative rounded-full p-1.5 text-slate-600 hover:bg-slate-100"
      >
        {/* The name is this text (no aria-label): the visible badge repeats it for sighted users. */}
        <span className="sr-only">{`Notifications${unread ? ` (${unread} new)` : ""}`}</span>
        <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8} aria-hidden="true">
          <path d="M6 16V11a6 6 0 1112 0v5l2 2H4l2-2zM10 20a2 2 0 004 0" strokeLinejoin="round" />
        </svg>
        {badge ? (
          <span aria-hidden="true" className="absolute -right-1 -top-0.5 min-w-4 rounded-full bg-red-600 px-1 text-[10px] font-semibold text-white" data-testid="bell-count">
            {badge}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="absolute right-0 z-30 mt-2 w-80 rounded-lg border border-slate-200 bg-white shadow-lg" role="dialog" aria-label="Notifications">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <span className="text-sm font-semibold">Notifications</span>
            <button
              type="button"
              className="text-xs text-brand-700"
              onClick={async () => {
                await markNotificationsReadAction({});
                setItems(items.map((n) => ({ ...n, read: true })));
                setUnread(0);
              }}
            >
              Mark all read
            </button>
          </div>
          <ul className="max-h-80 overflow-y-auto" aria-label="Notification list">
            {items.length === 0 ? <li className="p-3 text-sm text-slate-500">Nothing yet.</li> : null}
            {items.map((n) => (
              <li key={n.id}>
                <Link
                  href={`/inbox?c=${n.conversationId}${n.messageId ? `&m=${n.messageId}` : ""}`}
                  onClick={() => {
                    setOpen(false);
                    if (!n.read)
                      void markNotificationsReadAction({ ids: [n.id] }).then(() => {
                        setItems((all) => all.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
                        void recount();
                      });
                  }}
                  className={`block px-3 py-2 text-sm hover:bg-slate-50 ${n.read ? "text-slate-500" : "font-medium text-slate-900"}`}
                >
                  {describe[n.kind]}: #{n.conversationNumber} {n.contactName}
                  {n.actorName ? <span className="block text-xs font-normal text-slate-500">by {n.actorName}</span> : null}
                </Link>
              </li>
            ))}
          </ul>
          <Link href="/inbox/notifications" className="block border-t border-slate-100 px-3 py-2 text-xs text-brand-700" onClick={() => setOpen(false)}>
            Notification settings
          </Link>
        </div>
      ) : null}
    </div>
    </div>
  );
}

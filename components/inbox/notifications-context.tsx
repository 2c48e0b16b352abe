"use client";

import { createContext, useContext, useState, type Dispatch, type ReactNode, type SetStateAction } from "react";
import type { NotificationItem } from "@/lib/inbox/queries/notifications";

type NotificationsState = {
  items: NotificationItem[];
  setItems: Dispatch<SetStateAction<NotificationItem[]>>;
  /** The true unread count (the list holds only the latest 20). */
  unread: number;
  setUnread: Dispatch<SetStateAction<number>>;
};

const NotificationsContext = createContext<NotificationsState | null>(null);

/**
 * The user's notifications, shared by the bell (which keeps them live from the realtime provider
 * and marks them read) and the dot on the Inbox navigation item (SPEC §4: something new).
 */
export function NotificationsProvider({ initial, initialUnread, children }: { initial: NotificationItem[]; initialUnread: number; children: ReactNode }) {
  const [items, setItems] = useState(initial);
  const [unread, setUnread] = useState(initialUnread);
  return <NotificationsContext.Provider value={{ items, setItems, unread, setUnread }}>{children}</NotificationsContext.Provider>;
}

export function useNotifications() {
  const context = useContext(NotificationsContext);
  if (!context) throw new Error("useNotifications needs a <NotificationsProvider> above it.");
  return context;
}

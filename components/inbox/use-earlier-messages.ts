"use client";

import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import { loadEarlierMessagesAction } from "@/app/(dashboard)/inbox/actions";
import type { ThreadMessage } from "@/lib/inbox/queries/get-thread";

/**
 * Long threads (issue 16): the thread's latest page (refetched live) joined to the earlier pages the
 * agent loaded with "Load earlier messages" (keyset on the message id: no gap, no repeat); the
 * scroll position is kept while a page is prepended. With `focusMessageId` (opened from a
 * notification) it loads back until that message is shown, then scrolls it into view.
 */
export function useEarlierMessages({
  conversationId,
  latest,
  latestHasEarlier,
  focusMessageId,
  scroller,
}: {
  conversationId: string;
  latest: ThreadMessage[];
  latestHasEarlier: boolean;
  focusMessageId: number | null;
  scroller: RefObject<HTMLElement | null>;
}) {
  const [earlier, setEarlier] = useState<ThreadMessage[]>([]);
  const [earlierHasMore, setEarlierHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const anchor = useRef<number | null>(null);

  const firstLatestId = latest[0]?.id;
  const kept = firstLatestId === undefined ? earlier : earlier.filter((m) => m.id < firstLatestId);
  const messages = kept.length ? [...kept, ...latest] : latest;
  const hasEarlier = kept.length ? earlierHasMore : latestHasEarlier;
  const oldestId = messages[0]?.id;

  async function loadEarlier() {
    if (!oldestId || loading) return;
    setLoading(true);
    setError(null);
    const el = scroller.current;
    anchor.current = el ? el.scrollHeight - el.scrollTop : null;
    try {
      const page = await loadEarlierMessagesAction({ conversationId, beforeId: oldestId });
      if (!page || "ok" in page) {
        setError("Couldn't load earlier messages. Try again.");
        anchor.current = null;
        return;
      }
      setEarlier((previous) => [...page.messages, ...previous.filter((m) => m.id < (firstLatestId ?? Infinity))]);
      setEarlierHasMore(page.hasEarlier);
    } catch {
      setError("Couldn't load earlier messages. Check your connection and try again.");
      anchor.current = null;
    } finally {
      setLoading(false);
    }
  }

  // Keep the agent's place: the messages they were reading stay where they were after a prepend.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && anchor.current !== null) {
      el.scrollTop = el.scrollHeight - anchor.current;
      anchor.current = null;
    }
  }, [oldestId, scroller]);

  const focusPending = focusMessageId !== null && focusedId !== focusMessageId;
  useEffect(() => {
    if (!focusPending || focusMessageId === null) return;
    if (messages.some((m) => m.id === focusMessageId)) {
      document.getElementById(`message-${focusMessageId}`)?.scrollIntoView({ block: "center" });
      setFocusedId(focusMessageId);
    } else if (hasEarlier && oldestId !== undefined && oldestId > focusMessageId) {
      if (!loading && !error) void loadEarlier();
    } else setFocusedId(focusMessageId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusPending, focusMessageId, oldestId, hasEarlier, loading, error]);

  return { messages, hasEarlier, loading, error, loadEarlier, focusPending };
}

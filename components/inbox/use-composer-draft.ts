"use client";

import { useEffect, useRef, useState } from "react";
import { parseSendKeyMode, type SendKeyMode } from "@/lib/inbox/composer/composer-keys";
import { readDraft, writeDraft } from "@/lib/inbox/composer/drafts";

const storage = () => (typeof window === "undefined" ? null : window.localStorage);

/**
 * The composer's text, saved as a per-user, per-conversation draft on every change (and restored
 * after mount, so the server's render and the first client render agree).
 */
export function useComposerDraft(userId: string, conversationId: string) {
  const [body, setBodyState] = useState("");
  const loaded = useRef(false);
  useEffect(() => {
    const saved = readDraft(storage(), userId, conversationId);
    if (saved) setBodyState((current) => (current ? current : saved));
    loaded.current = true;
  }, [userId, conversationId]);
  useEffect(() => {
    if (loaded.current) writeDraft(storage(), userId, conversationId, body);
  }, [body, userId, conversationId]);
  return [body, setBodyState] as const;
}

const modeKey = (userId: string) => `conversations:send-key:${userId}`;

/** The user's Enter / Ctrl+Enter choice, kept in this browser under their user id. */
export function useSendKeyMode(userId: string) {
  const [mode, setMode] = useState<SendKeyMode>("enter");
  useEffect(() => {
    try {
      setMode(parseSendKeyMode(storage()?.getItem(modeKey(userId))));
    } catch {
      // storage disabled: the default
    }
  }, [userId]);
  const change = (next: SendKeyMode) => {
    setMode(next);
    try {
      storage()?.setItem(modeKey(userId), next);
    } catch {
      // storage disabled: kept for this page only
    }
  };
  return [mode, change] as const;
}

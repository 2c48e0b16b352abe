"use client";

import type { PresenceChannel } from "pusher-js";
import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtimeClient } from "@/components/realtime/realtime-provider";
import { memberFrom, typingNow, typingThrottle, type Member } from "@/lib/inbox/collision/typing";
import { TYPING_EVENT } from "@/lib/realtime/client-events";
import { conversationPresenceChannel } from "@/lib/realtime/realtime-channel-names";

/**
 * Collision detection for one open conversation: joins its presence channel (authorised by the
 * server, which also names each member) and reports who else is viewing and who is typing.
 * `announceTyping` sends `client-typing` at most once per 2 s.
 */
export function useConversationPresence(conversationId: string, meId: string) {
  const client = useRealtimeClient();
  const [members, setMembers] = useState<Record<string, Member>>({});
  const [typedAt, setTypedAt] = useState<Record<string, number>>({});
  const [, setTick] = useState(0);
  const channel = useRef<PresenceChannel | null>(null);
  const ready = useRef(false);
  const throttle = useRef(typingThrottle());

  useEffect(() => {
    if (!client) return;
    const name = conversationPresenceChannel(conversationId);
    const room = client.subscribe(name) as PresenceChannel;
    channel.current = room;
    const readMembers = () => {
      const all: Record<string, Member> = {};
      room.members.each((m: { id: string; info: unknown }) => {
        all[m.id] = memberFrom(m.id, m.info);
      });
      setMembers(all);
    };
    const onReady = () => {
      ready.current = true;
      readMembers();
    };
    const onRemoved = (m: { id: string }) => {
      readMembers();
      setTypedAt(({ [m.id]: _gone, ...rest }) => rest);
    };
    const onTyping = (_data: unknown, meta?: { user_id?: string }) => {
      const id = meta?.user_id;
      if (id) setTypedAt((t) => ({ ...t, [id]: Date.now() }));
    };
    room.bind("pusher:subscription_succeeded", onReady);
    room.bind("pusher:member_added", readMembers);
    room.bind("pusher:member_removed", onRemoved);
    room.bind(TYPING_EVENT, onTyping);
    return () => {
      ready.current = false;
      room.unbind("pusher:subscription_succeeded", onReady);
      room.unbind("pusher:member_added", readMembers);
      room.unbind("pusher:member_removed", onRemoved);
      room.unbind(TYPING_EVENT, onTyping);
      client.unsubscribe(name);
      channel.current = null;
      setMembers({});
      setTypedAt({});
    };
  }, [client, conversationId]);

  // While someone is shown typing, re-render twice a second so the line goes once they stop.
  const someoneTyping = Object.keys(typedAt).length > 0;
  useEffect(() => {
    if (!someoneTyping) return;
    const timer = setInterval(() => setTick((n) => n + 1), 500);
    return () => clearInterval(timer);
  }, [someoneTyping]);

  const announceTyping = useCallback(() => {
    if (ready.current && channel.current && throttle.current.take(Date.now())) channel.current.trigger(TYPING_EVENT, {});
  }, []);
  const resetTyping = useCallback(() => throttle.current.reset(), []);
  /** Forget a typist at once (their message arrived). */
  const clearTyping = useCallback((userId: string | null) => {
    if (userId) setTypedAt(({ [userId]: _done, ...rest }) => rest);
  }, []);

  const others = Object.values(members).filter((m) => m.id !== meId);
  return {
    viewers: others.filter((m) => m.kind === "agent"),
    visitorHere: others.some((m) => m.kind === "visitor"),
    typing: typingNow(typedAt, members, meId, Date.now()),
    announceTyping,
    resetTyping,
    clearTyping,
  };
}

"use client";

import { startTransition, useActionState, useEffect, useRef, useState, useTransition, type FormEvent, type KeyboardEvent } from "react";
import { completeAction, replyAction, type ActionState } from "@/app/(dashboard)/inbox/actions";
import { Button } from "@/components/ui/button";
import { composerKeyAction } from "@/lib/inbox/composer/composer-keys";
import { textAfterSendFailed, textAfterSendStarted } from "@/lib/inbox/composer/drafts";
import { composerChannelLabel, type Channel } from "@/lib/message-channels/message-channels";
import type { SavedResponseCategory } from "@/lib/inbox/saved-responses/list-saved-responses";
import { AttachmentPicker } from "./attachment-picker";
import { RecipientPicker } from "./recipient-picker";
import { INSERT_TEXT_EVENT } from "./inbox-commands";
import { SendKeyHint } from "./send-key-hint";
import { useComposerDraft, useSendKeyMode } from "./use-composer-draft";

/** Channel dropdown (auto-selected), Saved Responses picker, "Send" and "Complete" (SPEC §4). */
export function Composer({
  conversationId,
  availableChannels,
  defaultChannel,
  smsNumbers = [],
  messengerRefusal = null,
  savedResponses,
  canComplete,
  recipients,
  userId,
  othersReplied = false,
  onRepliedSeen,
  onTyping,
  onSendStarted,
}: {
  /** The signed-in user: drafts and the Enter setting are kept under them. */
  userId: string;
  /** Another agent replied since this draft began: Send first asks "They replied — send anyway?". */
  othersReplied?: boolean;
  /** The agent has seen the other reply (sent anyway, kept editing, or had no draft). */
  onRepliedSeen?: () => void;
  /** Called as the agent types (throttled by the caller). */
  onTyping?: () => void;
  onSendStarted?: () => void;
  conversationId: string;
  availableChannels: Channel[];
  defaultChannel: Channel | null;
  smsNumbers?: string[];
  messengerRefusal?: string | null;
  savedResponses: SavedResponseCategory[];
  canComplete: boolean;
  /** The contact's emails and phone numbers, main first (the "To" picker). */
  recipients?: { emails: string[]; phones: string[] };
}) {
  const [state, dispatch, sending] = useActionState<ActionState, FormData>(replyAction, {});
  const [body, setBody] = useComposerDraft(userId, conversationId);
  const [sendKeyMode, setSendKeyMode] = useSendKeyMode(userId);
  const form = useRef<HTMLFormElement>(null);
  // The text of the message in flight: it left the field when Send was pressed and comes back if the send fails.
  const inFlight = useRef<string | null>(null);
  const [channel, setChannel] = useState<Channel | "">(defaultChannel ?? "");
  const [smsFrom, setSmsFrom] = useState(smsNumbers[0] ?? "");
  // Auto-selection follows presence (Web Chat while online, Email once away) until the agent picks a channel.
  const picked = useRef(false);
  useEffect(() => {
    if (!picked.current && defaultChannel) setChannel(defaultChannel);
  }, [defaultChannel]);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [category, setCategory] = useState(savedResponses[0]?.id ?? "");
  const [completeError, setCompleteError] = useState<string | null>(null);
  const [completing, startCompleting] = useTransition();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    const sent = inFlight.current;
    inFlight.current = null;
    if (sent !== null && !state.ok) setBody((current) => textAfterSendFailed(current, sent));
  }, [state, setBody]);

  /**
   * Sends the field's text as it is now. The field is freed at once: text typed while the message
   * is in flight stays (no form reset — React's reset of a form action wiped it and made the next
   * send read an empty field: "Write a message first."). Only Send itself waits for the answer.
   */
  const [confirming, setConfirming] = useState(false);
  // Another agent's reply with nothing drafted here needs no question.
  useEffect(() => {
    if (othersReplied && body.trim() === "") onRepliedSeen?.();
  }, [othersReplied, body, onRepliedSeen]);

  function send(event?: FormEvent, anyway = false) {
    event?.preventDefault();
    if (sending || uploading || !form.current) return;
    if (othersReplied && !anyway) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    onRepliedSeen?.();
    onSendStarted?.();
    const data = new FormData(form.current);
    const text = body;
    data.set("body", text);
    inFlight.current = text;
    setBody((current) => textAfterSendStarted(current, text));
    startTransition(() => dispatch(data));
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const what = composerKeyAction(event.nativeEvent, sendKeyMode);
    if (what === "send") {
      event.preventDefault();
      send();
    }
  }

  function insert(text: string) {
    // Inserted literally: personalization tags such as {{first_name}} are not expanded.
    const el = textarea.current;
    const at = el?.selectionStart ?? body.length;
    setBody(body.slice(0, at) + text + body.slice(el?.selectionEnd ?? at));
    setPickerOpen(false);
    el?.focus();
  }
  // The "#" shortcut's saved-response picker (the command palette) inserts here.
  const latestInsert = useRef(insert);
  useEffect(() => {
    latestInsert.current = insert;
  });
  useEffect(() => {
    const onInsert = (e: Event) => latestInsert.current(String((e as CustomEvent).detail ?? ""));
    window.addEventListener(INSERT_TEXT_EVENT, onInsert);
    return () => window.removeEventListener(INSERT_TEXT_EVENT, onInsert);
  }, []);
  // Escape closes the saved-responses popover.
  useEffect(() => {
    if (!pickerOpen) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === "Escape") setPickerOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [pickerOpen]);

  const responses = savedResponses.find((c) => c.id === category)?.responses ?? [];
  return (
    <form ref={form} onSubmit={send} className="border-t border-slate-200 bg-white px-4 py-3" aria-label="Reply">
      <input type="hidden" name="conversationId" value={conversationId} />
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1.5 text-sm text-slate-600">
          Channel
          <select
            name="channel"
            aria-label="Channel"
            value={channel}
            onChange={(e) => {
              picked.current = true;
              setChannel(e.target.value as Channel);
            }}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            {availableChannels.length === 0 ? <option value="">No channel available</option> : null}
            {availableChannels.map((c) => (
              <option key={c} value={c}>
                {composerChannelLabel[c]}
              </option>
            ))}
          </select>
        </label>
        {channel === "sms" && smsNumbers.length > 0 ? (
          <label className="flex items-center gap-1.5 text-sm text-slate-600">
            From
            <select name="smsFrom" aria-label="Sending number" value={smsFrom} onChange={(e) => setSmsFrom(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
              {smsNumbers.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <RecipientPicker channel={channel} recipients={recipients} />
        <div className="relative">
          <button
            type="button"
            onClick={() => setPickerOpen(!pickerOpen)}
            className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100"
            aria-label="Saved Responses"
            title="Saved Responses"
            aria-expanded={pickerOpen}
          >
            <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={1.8}>
              <path d="M6 4h12v16l-6-4-6 4V4z" strokeLinejoin="round" />
            </svg>
          </button>
          {pickerOpen ? (
            <div className="absolute bottom-9 left-0 z-10 w-80 rounded-lg border border-slate-200 bg-white p-2 shadow-lg" role="dialog" aria-label="Saved Responses">
              {savedResponses.length === 0 ? (
                <p className="p-2 text-sm text-slate-500">No saved responses yet. Admins can add them.</p>
              ) : (
                <>
                  <select aria-label="Category" value={category} onChange={(e) => setCategory(e.target.value)} className="mb-2 w-full rounded-md border border-slate-300 px-2 py-1 text-sm">
                    {savedResponses.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                  <ul className="max-h-56 space-y-1 overflow-y-auto">
                    {responses.map((r) => (
                      <li key={r.id}>
                        <button type="button" onClick={() => insert(r.body)} className="w-full rounded-md px-2 py-1.5 text-left hover:bg-slate-100">
                          <span className="block text-sm font-medium">{r.title}</span>
                          <span className="block truncate text-xs text-slate-500">{r.body}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ) : null}
        </div>
      </div>
      <textarea
        ref={textarea}
        name="body"
        aria-label="Message"
        rows={3}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          onTyping?.();
        }}
        onKeyDown={onKeyDown}
        data-composer-input
        aria-describedby="composer-send-hint"
        placeholder="Write a reply…"
        className="block w-full resize-y rounded-md border border-slate-300 px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-brand-500"
      />
      <AttachmentPicker channel={channel || null} sent={state} onUploadingChange={setUploading} />
      {channel === "messenger" && messengerRefusal ? (
        <p className="mt-1 text-sm text-amber-700" role="status" data-testid="messenger-refusal">
          {messengerRefusal}
        </p>
      ) : null}
      {confirming ? (
        <div role="alert" data-testid="they-replied" className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          <span className="mr-auto">They replied — send anyway? Your draft is kept; read their reply above first.</span>
          <Button type="button" variant="secondary" onClick={() => { setConfirming(false); onRepliedSeen?.(); textarea.current?.focus(); }}>
            Keep editing
          </Button>
          <Button type="button" onClick={() => send(undefined, true)}>
            Send anyway
          </Button>
        </div>
      ) : null}
      {state.error ? (
        <p className="mt-1 text-sm text-red-600" role="alert">
          {state.error}
        </p>
      ) : null}
      {completeError ? (
        <p className="mt-1 text-sm text-red-600" role="alert">
          {completeError}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap items-center justify-end gap-2">
        <SendKeyHint id="composer-send-hint" mode={sendKeyMode} onChange={setSendKeyMode} />
        {canComplete ? (
          <Button
            type="button"
            variant="secondary"
            data-shortcut="complete"
            aria-keyshortcuts="e"
            disabled={completing}
            onClick={() =>
              startCompleting(async () => {
                const result = await completeAction({ conversationId });
                setCompleteError(result.error ?? null);
              })
            }
          >
            <span aria-hidden="true">✓</span> Complete
          </Button>
        ) : null}
        <Button type="submit" disabled={sending || uploading} aria-busy={sending}>
          {sending ? "Sending…" : "Send"}
        </Button>
      </div>
    </form>
  );
}

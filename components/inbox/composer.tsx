"use client";

import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { completeAction, replyAction, type ActionState } from "@/app/(dashboard)/inbox/actions";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { composerChannelLabel, type Channel } from "@/lib/message-channels/message-channels";
import type { SavedResponseCategory } from "@/lib/inbox/saved-responses/list-saved-responses";
import { AttachmentPicker } from "./attachment-picker";
import { RecipientPicker } from "./recipient-picker";

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
}: {
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
  const [state, action] = useActionState<ActionState, FormData>(replyAction, {});
  const [body, setBody] = useState("");
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
    if (state.ok) setBody("");
  }, [state]);

  function insert(text: string) {
    // Inserted literally: personalization tags such as {{first_name}} are not expanded.
    const el = textarea.current;
    const at = el?.selectionStart ?? body.length;
    setBody(body.slice(0, at) + text + body.slice(el?.selectionEnd ?? at));
    setPickerOpen(false);
    el?.focus();
  }

  const responses = savedResponses.find((c) => c.id === category)?.responses ?? [];
  return (
    <form action={action} className="border-t border-slate-200 bg-white px-4 py-3" aria-label="Reply">
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
        onChange={(e) => setBody(e.target.value)}
        placeholder="Write a reply…"
        className="block w-full resize-y rounded-md border border-slate-300 px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-brand-500"
      />
      <AttachmentPicker channel={channel || null} sent={state} onUploadingChange={setUploading} />
      {channel === "messenger" && messengerRefusal ? (
        <p className="mt-1 text-sm text-amber-700" role="status" data-testid="messenger-refusal">
          {messengerRefusal}
        </p>
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
      <div className="mt-2 flex items-center justify-end gap-2">
        {canComplete ? (
          <Button
            type="button"
            variant="secondary"
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
        <SubmitButton pendingLabel="Sending…" disabled={uploading}>
          Send
        </SubmitButton>
      </div>
    </form>
  );
}

import type { ThreadMessage } from "@/lib/inbox/queries/get-thread";
import { Avatar } from "./avatar";
import { shortTime } from "./format-time";

/** A private note in the thread: set apart (amber, labelled), visible to the team only. */
export function NoteItem({ message, highlighted }: { message: ThreadMessage; highlighted?: boolean }) {
  return (
    <li id={`message-${message.id}`} className="flex items-end gap-2 flex-row-reverse" data-kind="note">
      <Avatar name={message.senderName ?? "Agent"} />
      <div className="max-w-[70%] text-right">
        <div
          className={`whitespace-pre-wrap break-words rounded-2xl border border-dashed border-amber-300 bg-amber-50 px-3 py-2 text-left text-sm text-amber-950 ${highlighted ? "ring-2 ring-amber-500" : ""}`}
        >
          <span className="mb-0.5 block text-[11px] font-semibold uppercase tracking-wide text-amber-700">Private note</span>
          {message.body}
        </div>
        <p className="mt-0.5 text-[11px] text-slate-500">
          {message.senderName ?? "Agent"} · Note, not sent · <time suppressHydrationWarning>{shortTime(message.createdAt)}</time>
        </p>
      </div>
    </li>
  );
}

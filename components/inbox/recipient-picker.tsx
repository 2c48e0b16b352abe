"use client";

import type { Channel } from "@/lib/message-channels/message-channels";

/** The composer's "To": which of the contact's emails or phone numbers the reply goes to (issue 16). */
export function RecipientPicker({ channel, recipients }: { channel: Channel | ""; recipients?: { emails: string[]; phones: string[] } }) {
  const list = channel === "email" ? recipients?.emails : channel === "sms" ? recipients?.phones : undefined;
  if (!list || list.length < 2) return null;
  return (
    <label className="flex items-center gap-1.5 text-sm text-slate-600">
      To
      <select key={channel} name="to" aria-label="Recipient" defaultValue={list[0]} className="max-w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
        {list.map((address, i) => (
          <option key={address} value={address}>
            {address}
            {i === 0 ? " (main)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}

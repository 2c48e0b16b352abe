"use client";

import { useState, useTransition } from "react";
import { channelGroupAction } from "@/app/(dashboard)/settings/conversations/assignment/actions";
import { messageChannelLabel, type Channel } from "@/lib/message-channels/message-channels";

/** One channel's limit: automatic assignment picks only among this group's agents (or anyone). */
export function ChannelGroupSelect({ channel, groupId, groups }: { channel: Channel; groupId: string | null; groups: { id: string; name: string }[] }) {
  const [value, setValue] = useState(groupId ?? "");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <label className="flex flex-wrap items-center gap-2 text-sm">
      <span className="w-24 text-slate-700">{messageChannelLabel[channel]}</span>
      <select
        aria-label={`Group for ${messageChannelLabel[channel]}`}
        value={value}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          const before = value;
          setValue(next);
          start(async () => {
            const result = await channelGroupAction({ channel, groupId: next });
            if (result.error) {
              setValue(before);
              setMessage({ error: true, text: result.error });
            } else setMessage({ error: false, text: "Saved." });
          });
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        <option value="">Any available agent</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            Group: {g.name}
          </option>
        ))}
      </select>
      {message ? (
        <span className={`text-xs ${message.error ? "text-red-600" : "text-green-700"}`} role={message.error ? "alert" : "status"}>
          {message.text}
        </span>
      ) : null}
    </label>
  );
}

export type TranscriptEntry = {
  channel: "chat" | "email" | "messenger" | "sms" | null;
  kind: "message" | "status" | "note";
  /** Who wrote it, as the contact should read it ("You", the agent's name, "Bot"). */
  author: string;
  body: string;
  createdAt: Date;
};

export const MAX_TRANSCRIPT_MESSAGES = 200;

/**
 * The chat an email follows (SPEC §7: "an email sent right after a chat includes the
 * transcript"): the run of chat messages at the end of the thread, back to the last message
 * that went through another channel. Empty when the thread did not end in a chat.
 * Status messages are agent-only and never part of it.
 */
export function trailingChat(thread: readonly TranscriptEntry[]): TranscriptEntry[] {
  const run: TranscriptEntry[] = [];
  for (let i = thread.length - 1; i >= 0 && run.length < MAX_TRANSCRIPT_MESSAGES; i--) {
    const entry = thread[i];
    if (entry.kind !== "message") continue;
    if (entry.channel !== "chat") break;
    run.unshift(entry);
  }
  return run;
}

export function formatTranscript(entries: readonly TranscriptEntry[]): string {
  if (entries.length === 0) return "";
  const lines = entries.map((e) => `[${e.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC] ${e.author}: ${e.body}`);
  return ["---------- Chat transcript ----------", ...lines].join("\n");
}

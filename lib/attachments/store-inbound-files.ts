import { maxAttachmentBytes } from "./attachment-limits";
import { fetchRemoteMedia, MediaFetchError, type MediaFetcher, type MediaFetchOptions } from "./fetch-remote-media";
import { storeAttachmentFile } from "./store-attachment-file";
import type { StoredFile } from "./stored-file";

export type IncomingFile = { fileName: string | null; bytes: Buffer; contentId?: string | null; inline?: boolean };

/**
 * Files that came with a customer's message, stored for it. A file the limits refuse is not
 * kept, but never silently: its refusal becomes a note the agents read in the message.
 */
export async function storeInboundFiles({ accountId, files }: { accountId: string; files: readonly IncomingFile[] }): Promise<{ stored: StoredFile[]; notes: string[] }> {
  const stored: StoredFile[] = [];
  const notes: string[] = [];
  for (const [index, file] of files.entries()) {
    const result = await storeAttachmentFile({ accountId, fileName: file.fileName ?? `attachment-${index + 1}`, bytes: file.bytes });
    if (result.ok) stored.push({ ...result.value, contentId: file.contentId ?? null, inline: file.inline ?? false });
    else notes.push(`Attachment not kept: ${result.error}`);
  }
  return { stored, notes };
}

/** The message's text followed by what the agents should know about its files, within `maxLength`. */
export function withFileNotes(body: string, notes: readonly string[], maxLength = 100_000): string {
  if (notes.length === 0) return body;
  const tail = notes.map((n) => `[${n}]`).join("\n\n");
  const room = Math.max(0, maxLength - tail.length - 2);
  const text = body.length > room ? `${body.slice(0, Math.max(0, room - 1))}…` : body;
  return text ? `${text}\n\n${tail}` : tail;
}

/**
 * Media a channel names by URL (Messenger attachments, MMS), fetched safely and stored; a file
 * that cannot be fetched or is refused becomes a note, like a refused email part.
 */
export async function fetchInboundMedia({
  accountId,
  media,
  fetchMedia = fetchRemoteMedia,
  authorization,
}: {
  accountId: string;
  media: readonly { url: string; kind: string }[];
  fetchMedia?: MediaFetcher;
  authorization?: MediaFetchOptions["authorization"];
}): Promise<{ stored: StoredFile[]; notes: string[] }> {
  const fetched: IncomingFile[] = [];
  const notes: string[] = [];
  for (const item of media) {
    try {
      const file = await fetchMedia(item.url, { maxBytes: maxAttachmentBytes(), authorization });
      fetched.push({ fileName: file.fileName, bytes: file.bytes });
    } catch (error) {
      if (!(error instanceof MediaFetchError)) throw error;
      notes.push(`Attachment not kept: the ${item.kind} could not be fetched (${error.message}).`);
    }
  }
  const stored = await storeInboundFiles({ accountId, files: fetched });
  return { stored: stored.stored, notes: [...notes, ...stored.notes] };
}

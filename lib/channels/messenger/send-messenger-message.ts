import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/database";
import { messengerLocalMailbox } from "@/db/schema";

/** A file for the Send API, uploaded with the message (no public URL needed). */
export type MessengerFile = { fileName: string; contentType: string; bytes: Buffer };

export type MessengerSend = {
  accountId: string;
  pageId: string;
  pageAccessToken: string | null;
  psid: string;
  text: string;
  /** Each goes as its own message after the text: the Send API takes one attachment per message. */
  files?: readonly MessengerFile[];
};

const graphAnswer = z.object({ message_id: z.string().min(1) });

export class MessengerSendError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = "MessengerSendError";
  }
}

/** The Send API's attachment type for a file. */
export function messengerAttachmentType(contentType: string): "image" | "video" | "audio" | "file" {
  if (contentType.startsWith("image/") && contentType !== "image/svg+xml") return "image";
  if (contentType.startsWith("video/")) return "video";
  if (contentType.startsWith("audio/")) return "audio";
  return "file";
}

type OneSend = { message: Record<string, unknown>; file?: MessengerFile; label: string };

/**
 * Sends a page message through the Graph API's Send API when MESSENGER_GRAPH_URL is set
 * (e.g. https://graph.facebook.com/v21.0), else records it in the local Messenger mailbox: the
 * text, then each file as an attachment message (uploaded as `filedata`). Returns the first
 * message id (the Graph API's, or the local mailbox row's).
 */
export async function sendMessengerMessage({
  db,
  send,
  idempotencyKey,
  graphUrl = process.env.MESSENGER_GRAPH_URL,
  fetchImpl = fetch,
}: {
  db: Db;
  send: MessengerSend;
  /** The local mailbox keeps one row per key and part (the Graph API has no idempotency key). */
  idempotencyKey?: string;
  graphUrl?: string;
  fetchImpl?: typeof fetch;
}): Promise<{ externalId: string; delivered: "graph" | "local-mailbox" }> {
  const sends: OneSend[] = [
    ...(send.text ? [{ message: { text: send.text }, label: send.text }] : []),
    ...(send.files ?? []).map((file) => {
      const type = messengerAttachmentType(file.contentType);
      return { message: { attachment: { type, payload: { is_reusable: false } } }, file, label: `[${type}] ${file.fileName}` };
    }),
  ];
  if (sends.length === 0) throw new MessengerSendError("There is nothing to send.", false);
  const ids: string[] = [];
  for (const [part, one] of sends.entries()) {
    ids.push(graphUrl ? await postToGraph(send, one, graphUrl, fetchImpl) : await keepLocally(db, send, one, idempotencyKey ? partId(idempotencyKey, part) : randomUUID()));
  }
  return { externalId: ids[0], delivered: graphUrl ? "graph" : "local-mailbox" };
}

/** A uuid for one part of a keyed send: the same key and part always give the same id. */
function partId(key: string, part: number) {
  const h = createHash("sha256").update(`${key}:${part}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function keepLocally(db: Db, send: MessengerSend, one: OneSend, id: string): Promise<string> {
  const request = {
    recipient: { id: send.psid },
    messaging_type: "RESPONSE",
    message: one.message,
    ...(one.file ? { filedata: { fileName: one.file.fileName, contentType: one.file.contentType, size: one.file.bytes.length } } : {}),
  };
  await db
    .insert(messengerLocalMailbox)
    .values({ id, accountId: send.accountId, pageId: send.pageId, recipientPsid: send.psid, text: one.label, request })
    .onConflictDoNothing();
  return `local-mailbox:${id}`;
}

async function postToGraph(send: MessengerSend, one: OneSend, graphUrl: string, fetchImpl: typeof fetch): Promise<string> {
  const token = send.pageAccessToken ?? process.env.MESSENGER_PAGE_ACCESS_TOKEN;
  if (!token) throw new MessengerSendError("No page access token is configured for this Facebook page.", false);
  const url = `${graphUrl.replace(/\/$/, "")}/${encodeURIComponent(send.pageId)}/messages?access_token=${encodeURIComponent(token)}`;
  let body: string | FormData;
  let headers: Record<string, string> = {};
  if (one.file) {
    body = new FormData();
    body.set("recipient", JSON.stringify({ id: send.psid }));
    body.set("messaging_type", "RESPONSE");
    body.set("message", JSON.stringify(one.message));
    body.set("filedata", new Blob([new Uint8Array(one.file.bytes)], { type: one.file.contentType }), one.file.fileName);
  } else {
    body = JSON.stringify({ recipient: { id: send.psid }, messaging_type: "RESPONSE", message: one.message });
    headers = { "content-type": "application/json" };
  }
  let response: Response;
  try {
    response = await fetchImpl(url, { method: "POST", headers, body, signal: AbortSignal.timeout(one.file ? 60_000 : 10_000) });
  } catch (error) {
    throw new MessengerSendError(`The Graph API could not be reached: ${(error as Error).message}`, true);
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = (answer as { error?: { message?: string } } | null)?.error?.message ?? response.statusText;
    throw new MessengerSendError(`The Graph API refused the message: ${detail}`, response.status >= 500 || response.status === 429);
  }
  const parsed = graphAnswer.safeParse(answer);
  if (!parsed.success) throw new MessengerSendError("The Graph API answered without a message id.", true);
  return parsed.data.message_id;
}

import { z } from "zod";
import type { Db } from "@/db/database";
import { messengerLocalMailbox } from "@/db/schema";

export type MessengerSend = { accountId: string; pageId: string; pageAccessToken: string | null; psid: string; text: string };

const graphAnswer = z.object({ message_id: z.string().min(1) });

export class MessengerSendError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = "MessengerSendError";
  }
}

/**
 * Sends a page message through the Graph API's Send API when MESSENGER_GRAPH_URL is set
 * (e.g. https://graph.facebook.com/v21.0), else records it in the local Messenger mailbox.
 * Returns the message id (the Graph API's, or the local mailbox row's).
 */
export async function sendMessengerMessage({
  db,
  send,
  graphUrl = process.env.MESSENGER_GRAPH_URL,
  fetchImpl = fetch,
}: {
  db: Db;
  send: MessengerSend;
  graphUrl?: string;
  fetchImpl?: typeof fetch;
}): Promise<{ externalId: string; delivered: "graph" | "local-mailbox" }> {
  const request = { recipient: { id: send.psid }, messaging_type: "RESPONSE", message: { text: send.text } };
  if (!graphUrl) {
    const [row] = await db
      .insert(messengerLocalMailbox)
      .values({ accountId: send.accountId, pageId: send.pageId, recipientPsid: send.psid, text: send.text, request })
      .returning({ id: messengerLocalMailbox.id });
    return { externalId: `local-mailbox:${row.id}`, delivered: "local-mailbox" };
  }
  const token = send.pageAccessToken ?? process.env.MESSENGER_PAGE_ACCESS_TOKEN;
  if (!token) throw new MessengerSendError("No page access token is configured for this Facebook page.", false);
  const url = `${graphUrl.replace(/\/$/, "")}/${encodeURIComponent(send.pageId)}/messages?access_token=${encodeURIComponent(token)}`;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new MessengerSendError(`The Graph API could not be reached: ${(error as Error).message}`, true);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = (body as { error?: { message?: string } } | null)?.error?.message ?? response.statusText;
    throw new MessengerSendError(`The Graph API refused the message: ${detail}`, response.status >= 500 || response.status === 429);
  }
  const parsed = graphAnswer.safeParse(body);
  if (!parsed.success) throw new MessengerSendError("The Graph API answered without a message id.", true);
  return { externalId: parsed.data.message_id, delivered: "graph" };
}

import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { messengerPages } from "@/db/schema";
import type { MediaFetcher } from "@/lib/attachments/fetch-remote-media";
import { fetchInboundMedia, withFileNotes } from "@/lib/attachments/store-inbound-files";
import { storedInbound } from "@/lib/inbox/stored-inbound";
import { receiveInboundMessage } from "@/lib/inbox/receive-inbound-message";
import { parseMessengerEvents } from "./parse-messenger-events";
import { verifyMessengerSignature } from "./webhook-verification";

export type MessengerWebhookOutcome =
  | { ok: true; received: number; duplicates: number; unknownPages: number }
  | { ok: false; status: 400 | 403 | 422; error: string };

/**
 * A signed Messenger delivery → the inbox (SPEC §7). Messenger visitors get no contact
 * record: the conversation carries their page-scoped id. Each message's mid makes retries
 * idempotent; messages for pages no account connected are skipped, not stored. Attached files
 * are fetched (SSRF-safe) and stored before the message, so the answer comes after both.
 */
export async function receiveMessengerWebhook({
  db,
  rawBody,
  signature,
  appSecret,
  fetchMedia,
}: {
  db: Db;
  rawBody: string;
  signature: string | null;
  appSecret: string;
  fetchMedia?: MediaFetcher;
}): Promise<MessengerWebhookOutcome> {
  if (!verifyMessengerSignature(rawBody, signature, appSecret)) return { ok: false, status: 403, error: "The payload signature does not match." };
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return { ok: false, status: 400, error: "The body is not JSON." };
  }
  const parsed = parseMessengerEvents(payload);
  if (!parsed.ok) return { ok: false, status: 400, error: parsed.error };
  let received = 0;
  let duplicates = 0;
  let unknownPages = 0;
  for (const m of parsed.messages) {
    const [page] = await db.select({ accountId: messengerPages.accountId }).from(messengerPages).where(eq(messengerPages.pageId, m.pageId));
    if (!page) {
      unknownPages++;
      continue;
    }
    if (m.media.length > 0 && (await storedInbound({ db, accountId: page.accountId, channel: "messenger", externalId: m.mid }))) {
      duplicates++;
      continue;
    }
    const files = await fetchInboundMedia({ accountId: page.accountId, media: m.media, fetchMedia });
    const result = await receiveInboundMessage({
      db,
      input: {
        accountId: page.accountId,
        channel: "messenger",
        externalId: m.mid,
        sender: { messenger: { psid: m.psid } },
        body: withFileNotes(m.text, files.notes),
        attachments: files.stored,
      },
    });
    if (!result.ok) return { ok: false, status: 422, error: result.error };
    if (result.value.duplicate) duplicates++;
    else received++;
  }
  return { ok: true, received, duplicates, unknownPages };
}

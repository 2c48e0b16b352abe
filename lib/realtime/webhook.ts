import type Pusher from "pusher";

export type PresenceWebhookEvent =
  | { name: "channel_occupied" | "channel_vacated"; channel: string }
  | { name: "member_added" | "member_removed"; channel: string; user_id: string };

/**
 * Checks a Pusher (or local realtime server) webhook — X-Pusher-Key and X-Pusher-Signature, the
 * HMAC-SHA256 of the raw body with the app secret — and returns its events. The web-chat route
 * uses it to learn when a visitor's channel is occupied (online) or vacated (away).
 */
export function readRealtimeWebhook({
  pusher,
  headers,
  rawBody,
}: {
  pusher: Pick<Pusher, "webhook">;
  headers: Headers | Record<string, string | undefined>;
  rawBody: string;
}): { ok: true; events: PresenceWebhookEvent[]; timeMs: number } | { ok: false; error: string } {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]) ?? undefined;
  const webhook = pusher.webhook({
    headers: {
      "x-pusher-key": get("x-pusher-key"),
      "x-pusher-signature": get("x-pusher-signature"),
      "content-type": get("content-type")?.split(";")[0].trim(),
    },
    rawBody,
  });
  if (!webhook.isValid()) return { ok: false, error: "Invalid webhook signature." };
  return { ok: true, events: webhook.getEvents() as PresenceWebhookEvent[], timeMs: webhook.getTime().getTime() };
}

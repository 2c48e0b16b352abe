import { hmacSha256Hex } from "./signing";

export type WebhookEvent =
  | { name: "channel_occupied" | "channel_vacated"; channel: string }
  | { name: "member_added" | "member_removed"; channel: string; user_id: string };

const RETRY_DELAYS_MS = [250, 1000, 4000];

/**
 * Posts Pusher-style webhooks: events of one tick batched into `{ time_ms, events }`, signed with
 * X-Pusher-Key and X-Pusher-Signature (HMAC-SHA256 of the body with the app secret), sent in order,
 * retried a few times when the receiver fails.
 */
export class WebhookSender {
  private pending: WebhookEvent[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private url: string | undefined,
    private key: string,
    private secret: string,
  ) {}

  push(event: WebhookEvent) {
    if (!this.url || this.closed) return;
    this.pending.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const events = this.pending;
      this.pending = [];
      this.chain = this.chain.then(() => this.post(events));
    });
  }

  private async post(events: WebhookEvent[]) {
    const body = JSON.stringify({ time_ms: Date.now(), events });
    const headers = {
      "content-type": "application/json",
      "x-pusher-key": this.key,
      "x-pusher-signature": hmacSha256Hex(this.secret, body),
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(this.url!, { method: "POST", headers, body, signal: AbortSignal.timeout(5000) });
        if (response.ok) return;
      } catch {
        // retried below
      }
      if (this.closed || attempt >= RETRY_DELAYS_MS.length) return;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }

  /** Sends what is queued (one attempt window), then stops. */
  async close() {
    await new Promise((resolve) => setImmediate(resolve));
    this.closed = true;
    await Promise.race([this.chain, new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
}

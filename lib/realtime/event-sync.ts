import type { CatchUpPage } from "./catch-up";
import type { SequencedEvent } from "./events";

/**
 * Gap-free, duplicate-free application of realtime events in a client, framework-free so tests
 * drive it with real pusher-js clients. Live events are applied at once while in sync; while the
 * client is (re)subscribing or catching up they are held, then applied after the catch-up, in seq
 * order, each seq at most once.
 */
export class EventSync {
  private lastSeq: number | null;
  private synced = false;
  private held: SequencedEvent[] = [];
  private running: Promise<void> | null = null;
  private rerun = false;
  private stopped = false;

  constructor(
    private options: {
      initialSeq: number | null;
      fetchAfter: (afterSeq: number | null) => Promise<CatchUpPage>;
      apply: (event: SequencedEvent) => void;
      retryDelayMs?: (attempt: number) => number;
    },
  ) {
    this.lastSeq = options.initialSeq;
  }

  get appliedThrough() {
    return this.lastSeq;
  }

  /** The connection dropped or a channel is being (re)subscribed: hold live events until `resync`. */
  pause() {
    this.synced = false;
  }

  receive(event: SequencedEvent) {
    if (this.synced) this.applyOnce(event);
    else this.held.push(event);
  }

  /** Call when every channel is subscribed (again): fetches what was missed, then goes live. */
  resync(): Promise<void> {
    this.synced = false;
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.catchUp().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop() {
    this.stopped = true;
  }

  private async catchUp() {
    for (let attempt = 0; !this.stopped; ) {
      this.rerun = false;
      try {
        let page: CatchUpPage;
        do {
          page = await this.options.fetchAfter(this.lastSeq);
          for (const event of page.events) this.applyOnce(event);
          if (this.lastSeq === null || (!page.hasMore && page.head > this.lastSeq)) {
            this.lastSeq = page.hasMore ? (page.events.at(-1)?.seq ?? page.head) : page.head;
          }
        } while (page.hasMore && !this.stopped);
        attempt = 0;
      } catch {
        const delay = this.options.retryDelayMs?.(attempt) ?? Math.min(10_000, 500 * 2 ** attempt);
        attempt++;
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      if (this.rerun) continue;
      const held = this.held.sort((a, b) => a.seq - b.seq);
      this.held = [];
      for (const event of held) this.applyOnce(event);
      this.synced = true;
      return;
    }
  }

  private applyOnce(event: SequencedEvent) {
    if (this.lastSeq !== null && event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    this.options.apply(event);
  }
}

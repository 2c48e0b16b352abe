import type { CatchUpPage } from "./catch-up";
import type { SequencedEvent } from "./events";

/** Live events applied above the catch-up cursor before a quiet catch-up confirms them and moves it. */
export const LIVE_EVENTS_BEFORE_CONFIRM = 200;

/**
 * Gap-free, duplicate-free application of realtime events in a client, framework-free so tests
 * drive it with real pusher-js clients. Live events are applied at once while in sync; while the
 * client is (re)subscribing or catching up they are held, then applied after the catch-up, in seq
 * order, each seq at most once.
 *
 * The cursor (`appliedThrough`, the seq the next catch-up starts after) moves **only** by what
 * the catch-up endpoint returns — never by a received event's `seq`: a forged event with a huge
 * seq could otherwise make the tab skip every genuine event until reload. Live events are
 * remembered by seq above the cursor, so the next catch-up does not apply them twice.
 */
export class EventSync {
  private lastSeq: number | null;
  private liveApplied = new Set<number>();
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
    if (!Number.isSafeInteger(event.seq) || event.seq <= 0) return;
    if (this.synced) this.applyLive(event);
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
          for (const event of page.events) this.applyCaughtUp(event);
          const next = page.hasMore ? (page.events.at(-1)?.seq ?? page.head) : page.head;
          if (this.lastSeq === null || next > this.lastSeq) this.lastSeq = next;
        } while (page.hasMore && !this.stopped);
        for (const seq of this.liveApplied) if (this.lastSeq !== null && seq <= this.lastSeq) this.liveApplied.delete(seq);
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
      this.synced = true;
      for (const event of held) this.applyLive(event);
      return;
    }
  }

  /** From the catch-up endpoint: applied unless already applied live. */
  private applyCaughtUp(event: SequencedEvent) {
    if (this.lastSeq !== null && event.seq <= this.lastSeq) return;
    if (this.liveApplied.delete(event.seq)) return;
    this.options.apply(event);
  }

  /** From the socket: applied once; the cursor stays where the catch-up left it. */
  private applyLive(event: SequencedEvent) {
    if (this.lastSeq !== null && event.seq <= this.lastSeq) return;
    if (this.liveApplied.has(event.seq)) return;
    this.liveApplied.add(event.seq);
    this.options.apply(event);
    // Now and then a quiet catch-up confirms the live events and moves the cursor past them.
    if (this.liveApplied.size >= LIVE_EVENTS_BEFORE_CONFIRM && !this.running) void this.resync();
  }
}

import type { Db } from "@/db/database";
import type { InboxAccount } from "@/lib/inbox/inbox.fixtures";
import type { Channel } from "@/lib/message-channels/message-channels";
import { historyOf } from "./history.fixtures";

export const DAY = 86_400_000;
export const START = Date.parse("2025-03-01T00:00:00Z");
const channels: Channel[] = ["chat", "email", "messenger", "sms"];

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random histories through the inbox's own commands: arrivals, replies by several agents on
 * other channels, bots, assignments and reassignments, completions and reopenings. The
 * conversations are written interleaved and some rows are stamped earlier than rows written
 * before them, so the triggers see updates and out-of-order times as well as appends.
 */
export async function randomHistories(db: Db, account: InboxAccount, seed: number, conversations: number) {
  const rand = random(seed);
  const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)];
  const h = historyOf(db, account.accountId);
  const agents = [account.owner, account.alice, account.bob, account.carol];
  const ids: string[] = [];
  const clock: number[] = [];
  const iso = (ms: number) => new Date(Math.round(ms / 1000) * 1000).toISOString();
  const tryTo = async (step: () => Promise<unknown>) => {
    try {
      await step();
    } catch {
      // A command refused (e.g. completing twice): the history simply lacks that step.
    }
  };
  for (let i = 0; i < conversations; i++) {
    const at = START + rand() * 12 * DAY;
    clock.push(at);
    ids.push(await h.inbound(iso(at), `who${seed}-${i}`, pick(channels)));
  }
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < conversations; i++) {
      // Mostly forward in time; sometimes a step stamped before the conversation's last one.
      clock[i] += rand() < 0.1 ? -rand() * 3_600_000 : rand() * 0.6 * DAY;
      const when = iso(clock[i]);
      const agent = pick(agents);
      const roll = rand();
      if (roll < 0.35) await tryTo(() => h.reply(when, agent, ids[i], pick(channels)));
      else if (roll < 0.45) await tryTo(() => h.assign(when, pick(agents), ids[i], rand() < 0.2 ? null : pick(agents)));
      else if (roll < 0.6) await tryTo(() => h.complete(when, agent, ids[i]));
      else if (roll < 0.8) await tryTo(() => h.inbound(when, `who${seed}-${i}`, pick(channels)));
      else if (roll < 0.85) await tryTo(() => h.bot(when, ids[i], pick(channels)));
    }
  }
  return ids;
}


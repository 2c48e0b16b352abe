// Child process of multi-instance.test.ts: one "app instance" — its own database pools, its own
// outbox dispatcher, and inbound messages received through the real command — against the
// shared PostgreSQL database and realtime server the test started.
// Env: DATABASE_URL, PUSHER_PORT, ACCOUNTS (comma-separated ids), INSTANCE, COUNT.
import { openDatabase } from "@/db/database";
import { receiveInboundMessage } from "@/lib/inbox/receive-inbound-message";
import { startDispatcher, type Publisher } from "./dispatcher";
import { serverClient } from "./realtime-clients.fixtures";

const { DATABASE_URL, PUSHER_PORT, ACCOUNTS, INSTANCE, COUNT } = process.env as Record<string, string>;
const accounts = ACCOUNTS.split(",");
const app = await openDatabase({ url: DATABASE_URL, poolSize: 4 });
const dispatcherDb = await openDatabase({ url: DATABASE_URL, poolSize: 2 });
const sdk = serverClient(Number(PUSHER_PORT));
let published = 0;
const counting: Publisher = {
  triggerBatch: async (batch) => {
    const response = await sdk.triggerBatch(batch);
    published += batch.length;
    return response;
  },
};
const dispatcher = startDispatcher({ db: dispatcherDb.db, pusher: counting, pollMs: 200 });

process.on("message", async (message: { type: string }) => {
  if (message.type === "go") {
    const total = Number(COUNT);
    // Four commands in flight at a time, alternating accounts, some contacts writing again.
    for (let i = 0; i < total; i += 4) {
      await Promise.all(
        Array.from({ length: Math.min(4, total - i) }, async (_, k) => {
          const n = i + k;
          const result = await receiveInboundMessage({
            db: app.db,
            input: {
              accountId: accounts[n % accounts.length],
              channel: "email",
              externalId: `${INSTANCE}-${n}`,
              sender: { contact: { name: `c${INSTANCE}-${n % 7}`, email: `c${INSTANCE}-${n % 7}@example.com` } },
              body: `message ${n} from instance ${INSTANCE}`,
            },
          });
          if (!result.ok) throw new Error(result.error);
        }),
      );
    }
    process.send!({ type: "done" });
  }
  if (message.type === "stop") {
    await dispatcher.stop();
    await app.close();
    await dispatcherDb.close();
    process.send!({ type: "stopped", published }, () => process.exit(0));
  }
});
process.send!({ type: "ready" });

/**
 * Inbox benchmark (issue 6): seeds a large account on the PostgreSQL server at DATABASE_URL in a
 * throwaway database (200 000 conversations, 2 000 000 messages across accounts, with
 * generate_series), then prints p50/p99 server time of the first and the next page for each
 * left-pane filter and of reply and assign, next to a primary-key lookup as the floor; and the
 * composer's upload of a 5 MB image (type sniffed, thumbnail made, stored, row written) next to a
 * bare 5 MB write to the same storage as its floor; and opening a thread of 5 000 messages (its
 * first page) and loading an earlier page from its middle (issue 16).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:inbox
 *   (BENCH_CONVERSATIONS / BENCH_MESSAGES_PER_CONVERSATION / BENCH_RUNS / BENCH_UPLOAD_RUNS scale it down)
 *   BENCH_KEEP=1 keeps the seeded database and prints its name; BENCH_DB=<that name> measures it
 *   again without reseeding (pending migrations are applied first).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "../db/database";
import { conversations, groups, tags, users } from "../db/schema";
import { withDatabase } from "../db/test-global-setup";
import type { Actor } from "../lib/access/permissions";
import { assignConversation } from "../lib/inbox/assign";
import { listConversations, type ListConversationsInput } from "../lib/inbox/queries/list-conversations";
import { reply } from "../lib/inbox/reply";
import { getThread } from "../lib/inbox/queries/get-thread";
import { earlierMessages } from "../lib/inbox/queries/earlier-messages";
import { uploadAttachment } from "../lib/inbox/upload-attachment";
import { noisyJpeg } from "../lib/attachments/attachments.fixtures";
import { localFileStorage } from "../lib/files/local-file-storage";

const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TOTAL_CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 200_000);
const MESSAGES_PER_CONVERSATION = Number(process.env.BENCH_MESSAGES_PER_CONVERSATION ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const UPLOAD_RUNS = Number(process.env.BENCH_UPLOAD_RUNS ?? 30);
const ACCOUNTS = 10;
const BIG_SHARE = 0.75; // the large account holds 75% of the conversations
const AGENTS = 40;

const reuse = process.env.BENCH_DB;
const name = reuse ?? `conv_bench_${process.pid}_${Date.now()}`;
const admin = postgres(url, { max: 1, onnotice: () => {} });
if (!reuse) await admin.unsafe(`CREATE DATABASE "${name}"`);
const handle = await openDatabase({ url: withDatabase(url, name), poolSize: 4 });
const started = performance.now();
const log = (m: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${m}`);

try {
  await handle.migrate();
  const db = handle.db;
  async function seed() {
    log(`seeding ${TOTAL_CONVERSATIONS} conversations, ${TOTAL_CONVERSATIONS * MESSAGES_PER_CONVERSATION} messages over ${ACCOUNTS} accounts…`);

    // Secondary indexes are dropped for the bulk load and rebuilt after (much faster than maintaining them row by row).
    const indexRows = (await db.execute(sql`
      SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename IN ('messages', 'conversations', 'contacts', 'conversation_tags')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = indexname)`)) as unknown as { indexname: string; indexdef: string }[];
    for (const ix of indexRows) await db.execute(sql.raw(`DROP INDEX "${ix.indexname}"`));

    await db.execute(sql`INSERT INTO accounts (name) SELECT 'Bench ' || g FROM generate_series(1, ${ACCOUNTS}) g`);
    await db.execute(sql`
      CREATE TEMP TABLE bench_accounts AS
      SELECT id, row_number() OVER (ORDER BY name) AS k FROM accounts`);
    await db.execute(sql`
      INSERT INTO users (account_id, email, name, password_hash, access_level)
      SELECT a.id, 'agent' || g || '-' || a.k || '@bench.test', 'Agent ' || g, 'x', 'agent'
      FROM bench_accounts a, generate_series(1, ${AGENTS}) g`);
    await db.execute(sql`
      CREATE TEMP TABLE bench_agents AS
      SELECT u.id, u.account_id, row_number() OVER (PARTITION BY u.account_id ORDER BY u.email) AS n FROM users u`);
    await db.execute(sql`
      INSERT INTO groups (account_id, name) SELECT id, 'Team ' || g FROM bench_accounts, generate_series(1, 4) g`);
    await db.execute(sql`
      INSERT INTO group_members (account_id, group_id, user_id)
      SELECT a.account_id, g.id, a.id FROM bench_agents a JOIN groups g ON g.account_id = a.account_id
      WHERE g.name = 'Team ' || (1 + a.n % 4)`);
    await db.execute(sql`
      INSERT INTO tags (account_id, name) SELECT id, 'tag-' || g FROM bench_accounts, generate_series(1, 20) g`);

    // Conversation i belongs to the big account (k = 1) for the first 75%, the others share the rest.
    const big = Math.floor(TOTAL_CONVERSATIONS * BIG_SHARE);
    await db.execute(sql`
      CREATE TEMP TABLE bench_conv AS
      SELECT g AS i,
             CASE WHEN g <= ${big} THEN 1 ELSE 2 + (g % ${ACCOUNTS - 1}) END AS k
      FROM generate_series(1, ${TOTAL_CONVERSATIONS}) g`);
    await db.execute(sql`
      INSERT INTO contacts (account_id, name, email)
      SELECT a.id, (ARRAY['Ada','Grace','Linus','Barbara','Ken','Margaret','Tom','Rosa','Sam','Mia'])[1 + c.i % 10] || ' Contact' || c.i,
             'contact' || c.i || '@example.com'
      FROM bench_conv c JOIN bench_accounts a ON a.k = c.k`);
    await db.execute(sql`
      INSERT INTO conversations (account_id, number, contact_id, status, assignee_id, channels, last_message_at,
                                 last_message_preview, last_inbound_at, last_inbound_channel, unread)
      SELECT ct.account_id,
             row_number() OVER (PARTITION BY ct.account_id ORDER BY ct.email),
             ct.id,
             (CASE WHEN i % 5 = 0 THEN 'complete' ELSE 'open' END)::conversation_status,
             CASE WHEN i % 5 = 0 OR i % 3 = 0 THEN NULL ELSE ag.id END,
             ARRAY[(ARRAY['chat','email','messenger','sms'])[1 + i % 4]]::message_channel[],
             now() - make_interval(secs => (i * 37) % 31536000),
             'Message ' || ${MESSAGES_PER_CONVERSATION} || ' of conversation ' || i,
             now() - make_interval(secs => (i * 37) % 31536000),
             (ARRAY['chat','email','messenger','sms'])[1 + i % 4]::message_channel,
             i % 4 = 0
      FROM (SELECT ct.*, substring(ct.email from 'contact(\\d+)@')::int AS i FROM contacts ct) ct
      JOIN bench_agents ag ON ag.account_id = ct.account_id AND ag.n = 1 + (ct.i * 7) % ${AGENTS}`);
    log("conversations inserted");
    await db.execute(sql`
      INSERT INTO conversation_tags (account_id, conversation_id, tag_id)
      SELECT c.account_id, c.id, t.id FROM conversations c
      JOIN tags t ON t.account_id = c.account_id AND t.name = 'tag-' || (1 + (c.number / 10) % 20)
      WHERE c.number % 10 = 0`);
    await db.execute(sql`
      INSERT INTO messages (account_id, conversation_id, direction, channel, sender_kind, body, created_at)
      SELECT c.account_id, c.id,
             (CASE WHEN m % 2 = 1 THEN 'in' ELSE 'out' END)::message_direction,
             c.channels[1],
             (CASE WHEN m % 2 = 1 THEN 'contact' ELSE 'agent' END)::sender_kind,
             (ARRAY['Hello, I have a question about my order', 'Thanks, that helps a lot', 'Could you check my invoice please',
                    'The app shows an error when I log in', 'When will my parcel arrive', 'I would like a refund for order'])[1 + (c.number + m) % 6]
               || ' #' || (c.number * 10 + m),
             c.last_message_at - make_interval(mins => ${MESSAGES_PER_CONVERSATION} - m)
      FROM conversations c, generate_series(1, ${MESSAGES_PER_CONVERSATION}) m`);
    log("messages inserted; rebuilding indexes");
    for (const ix of indexRows) await db.execute(sql.raw(ix.indexdef));
    // As autovacuum would after a bulk load (it may be off on a test server): visibility map and statistics.
    await db.execute(sql`VACUUM ANALYZE`);
    log("seeded, vacuumed and analyzed");
  }

  if (reuse) {
    await db.execute(sql`VACUUM ANALYZE`);
    log(`reusing ${name}`);
  } else await seed();

  // The big account's actor and filter targets.
  const [bigAccount] = (await db.execute(sql`SELECT id FROM accounts WHERE name = 'Bench 1'`)) as unknown as { id: string }[];
  const agents = await db.select({ id: users.id }).from(users).where(eq(users.accountId, bigAccount.id)).orderBy(users.email);
  const me: Actor = { userId: agents[1].id, accountId: bigAccount.id, accessLevel: "agent", isAdmin: true, isPrimaryAdmin: false };
  const [group] = await db.select({ id: groups.id }).from(groups).where(eq(groups.accountId, bigAccount.id)).limit(1);
  const [tag] = await db.select({ id: tags.id }).from(tags).where(eq(tags.accountId, bigAccount.id)).limit(1);
  const someone = agents[5].id;

  const percentile = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  };
  const rows: [string, number, number][] = [];
  async function measure(label: string, fn: (i: number) => Promise<unknown>, runs = RUNS) {
    for (let i = 0; i < 5; i++) await fn(i); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn(i);
      times.push(performance.now() - t0);
    }
    rows.push([`${label} (n=${runs})`, percentile(times, 50), percentile(times, 99)]);
  }

  const [pk] = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.accountId, bigAccount.id)).limit(1);
  await measure("primary-key lookup (floor)", () => db.select().from(conversations).where(eq(conversations.id, pk.id)));

  const filters: [string, ListConversationsInput][] = [
    ["Open", { status: "open" }],
    ["Complete", { status: "complete" }],
    ["Unassigned", { status: "open", assignment: { unassigned: true } }],
    ["Mine", { status: "open", assignment: { mine: true } }],
    ["an agent", { status: "open", assignment: { agentIds: [someone] } }],
    ["a group", { status: "open", assignment: { groupIds: [group.id] } }],
    ["a tag", { status: "open", tagId: tag.id }],
    ["search: contact name", { status: "open", search: "Contact1234" }],
    ["search: rare word", { status: "open", search: "123456" }],
    // A word in one message of six: the worst case for the text search (hashes every match).
    ["search: common word", { status: "open", search: "refund" }],
  ];
  for (const [label, input] of filters) {
    const first = await listConversations({ db, actor: me, input });
    if (!first.ok) throw new Error(first.error);
    const runs = label.startsWith("search") ? Math.min(RUNS, 30) : RUNS;
    await measure(`list ${label}: first page`, () => listConversations({ db, actor: me, input }), runs);
    const cursor = first.value.nextCursor;
    if (cursor) await measure(`list ${label}: next page`, () => listConversations({ db, actor: me, input: { ...input, cursor } }), runs);
  }

  const targets = (await db.execute(sql`
    SELECT id FROM conversations WHERE account_id = ${bigAccount.id} AND status = 'open' AND assignee_id IS NULL
    ORDER BY id LIMIT ${RUNS * 2 + 20}`)) as unknown as { id: string }[];
  let next = 0;
  await measure("reply (takes ownership)", async () => {
    const r = await reply({ db, actor: me, input: { conversationId: targets[next++].id, channel: "email", body: "Thanks, looking into it." } });
    if (!r.ok) throw new Error(r.error);
  });
  await measure("assign", async () => {
    const r = await assignConversation({ db, actor: me, input: { conversationId: targets[next++].id, assigneeId: someone } });
    if (!r.ok) throw new Error(r.error);
  });

  // A long thread (issue 16): one conversation of 5 000 messages; opening it reads its latest page,
  // "Load earlier messages" a keyset page before a message in its middle.
  const LONG = 5_000;
  const [long] = (await db.execute(sql`
    SELECT c.id FROM conversations c WHERE c.account_id = ${bigAccount.id} AND c.external_name = 'Bench long thread'`)) as unknown as { id: string }[];
  let longId = long?.id;
  if (!longId) {
    const [{ id }] = (await db.execute(sql`
      INSERT INTO conversations (account_id, number, external_name, channels)
      VALUES (${bigAccount.id}, (SELECT max(number) + 1 FROM conversations WHERE account_id = ${bigAccount.id}), 'Bench long thread', ARRAY['email']::message_channel[])
      RETURNING id`)) as unknown as { id: string }[];
    longId = id;
    await db.execute(sql`
      INSERT INTO messages (account_id, conversation_id, kind, direction, channel, sender_kind, body, created_at)
      SELECT ${bigAccount.id}, ${longId},
             (CASE WHEN m % 50 = 0 THEN 'note' ELSE 'message' END)::message_kind,
             (CASE WHEN m % 50 = 0 THEN NULL WHEN m % 2 = 1 THEN 'in' ELSE 'out' END)::message_direction,
             (CASE WHEN m % 50 = 0 THEN NULL ELSE 'email' END)::message_channel,
             (CASE WHEN m % 2 = 1 THEN 'contact' ELSE 'agent' END)::sender_kind,
             'Long thread message ' || m, now() - make_interval(mins => ${LONG} - m)
      FROM generate_series(1, ${LONG}) m`);
    await db.execute(sql`ANALYZE messages`);
    log(`long thread of ${LONG} messages inserted`);
  }
  await measure(`open ${LONG}-message thread: first page`, async () => {
    const t = await getThread({ db, actor: me, conversationId: longId });
    if (!t || t.messages.length === 0) throw new Error("no thread");
  });
  const [middle] = (await db.execute(sql`
    SELECT id FROM messages WHERE conversation_id = ${longId} ORDER BY id OFFSET ${LONG / 2} LIMIT 1`)) as unknown as { id: number }[];
  await measure(`load earlier page (middle of ${LONG})`, async () => {
    const page = await earlierMessages({ db, actor: me, input: { conversationId: longId, beforeId: Number(middle.id) } });
    if (!page || page.messages.length === 0) throw new Error("no page");
  });

  // The composer's upload of a 5 MB photo: sniff, thumbnail, store, row (the route adds only reading the body).
  const filesDir = mkdtempSync(path.join(tmpdir(), "conv-bench-files-"));
  try {
    const storage = localFileStorage(filesDir);
    const image = await noisyJpeg(5);
    log(`upload image: ${(image.length / (1024 * 1024)).toFixed(1)} MB JPEG`);
    let serial = 0;
    await measure("store 5 MB, no processing (upload floor)", () => storage.put(`bench/raw-${serial++}`, image, { contentType: "image/jpeg" }), UPLOAD_RUNS);
    await measure("upload + thumbnail of a 5 MB image", async () => {
      const r = await uploadAttachment({ db, actor: me, input: { fileName: "photo.jpg" }, bytes: image, storage });
      if (!r.ok) throw new Error(r.error);
    }, UPLOAD_RUNS);
  } finally {
    rmSync(filesDir, { recursive: true, force: true });
  }

  const counts = (await db.execute(sql`
    SELECT (SELECT count(*) FROM conversations)::int AS conversations, (SELECT count(*) FROM messages)::int AS messages,
           (SELECT count(*) FROM conversations WHERE account_id = ${bigAccount.id})::int AS big`)) as unknown as Record<string, number>[];
  console.log(`\n${counts[0].conversations} conversations, ${counts[0].messages} messages; large account: ${counts[0].big} conversations, ${AGENTS} agents`);
  console.log(`times in ms (wall time of the lib call on this machine, incl. its queries)\n`);
  console.log(`${"operation".padEnd(48)} ${"p50".padStart(8)} ${"p99".padStart(8)}`);
  for (const [label, p50, p99] of rows) console.log(`${label.padEnd(48)} ${p50.toFixed(2).padStart(8)} ${p99.toFixed(2).padStart(8)}`);
  log("done");
} finally {
  await handle.close();
  if (process.env.BENCH_KEEP === "1" || reuse) console.log(`kept database ${name}`);
  else await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

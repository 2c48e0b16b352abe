import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { events, tags } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { defineCommand } from "@/lib/command";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { labelled, labelOf } from "@/lib/realtime/realtime.fixtures";
import { fail, failField, isUniqueViolation, ok } from "@/lib/result";
import { actingAgentHeld } from "@/lib/inbox/acting-agent";
import { inboxWritable } from "@/lib/inbox/writable-inbox";

const t = useTestDatabase();

/** Writes a tag and emits an event, then keeps it or refuses as asked. */
const writeTag = defineCommand({
  permission: "inbox.tag",
  input: z.object({ name: z.string().min(1, "Enter a name."), refuse: z.boolean().default(false) }),
  async run({ tx, actor, input: { name, refuse }, emit }) {
    await tx.insert(tags).values({ accountId: actor.accountId, name });
    emit(labelled(actor.accountId, name));
    return refuse ? fail("Refused after writing.") : ok({ name });
  },
});

const eventsOf = (accountId: string) => t.db.select().from(events).where(and(eq(events.accountId, accountId), eq(events.type, "contact.changed")));
const tagsOf = (accountId: string) => t.db.select().from(tags).where(eq(tags.accountId, accountId));

describe("defineCommand, the command skeleton", () => {
  test("authorizes before it reads the input, and bad input changes nothing", async () => {
    const a = await createInboxAccount(t.db);
    await expect(writeTag({ db: t.db, actor: a.viewer, input: "not even an object" })).rejects.toThrow(ForbiddenError);
    expect(await writeTag({ db: t.db, actor: a.alice, input: { name: "" } })).toEqual({
      ok: false,
      error: "Enter a name.",
      fieldErrors: { name: "Enter a name." },
      code: "invalid_input",
    });
    expect(await tagsOf(a.accountId)).toHaveLength(0);
    expect(writeTag.permission).toBe("inbox.tag");
  });

  test("records the emitted events in the command's transaction on success, and none on a refusal", async () => {
    const a = await createInboxAccount(t.db);
    expect(await writeTag({ db: t.db, actor: a.alice, input: { name: "kept" } })).toEqual({ ok: true, value: { name: "kept" } });
    expect((await eventsOf(a.accountId)).map(labelOf)).toEqual(["kept"]);
    // A refusal returned by run commits what run wrote before it (a declined payment's invoice), without its events.
    expect(await writeTag({ db: t.db, actor: a.alice, input: { name: "refused", refuse: true } })).toEqual(fail("Refused after writing."));
    expect((await tagsOf(a.accountId)).map((r) => r.name).sort()).toEqual(["kept", "refused"]);
    expect(await eventsOf(a.accountId)).toHaveLength(1);
  });

  test("an error rolls the transaction back; rescue maps it to a refusal", async () => {
    const a = await createInboxAccount(t.db);
    const twice = defineCommand({
      permission: "inbox.tag",
      input: z.object({ name: z.string() }),
      async run({ tx, actor, input: { name }, emit }) {
        emit(labelled(actor.accountId, name));
        await tx.insert(tags).values({ accountId: actor.accountId, name: `${name}-first` });
        await tx.insert(tags).values({ accountId: actor.accountId, name });
        await tx.insert(tags).values({ accountId: actor.accountId, name });
        return ok({ name });
      },
      rescue: (error) => (isUniqueViolation(error) ? failField("name", "Taken.") : undefined),
    });
    expect(await twice({ db: t.db, actor: a.alice, input: { name: "dup" } })).toEqual(failField("name", "Taken."));
    expect(await tagsOf(a.accountId)).toHaveLength(0);
    expect(await eventsOf(a.accountId)).toHaveLength(0);
  });

  test("the writable-inbox and acting-agent checks run inside the transaction before run", async () => {
    const a = await createInboxAccount(t.db);
    const checked = defineCommand({
      permission: "inbox.reply",
      input: z.unknown(),
      guards: [inboxWritable, actingAgentHeld],
      run: async () => ok("ran"),
    });
    expect(await checked({ db: t.db, actor: a.alice })).toEqual(ok("ran"));
    // The actor loaded earlier says Agent; the row says Viewer now: the hold refuses.
    await expect(checked({ db: t.db, actor: { ...a.viewer, accessLevel: "agent" } })).rejects.toThrow(ForbiddenError);
  });

  test("deps give defaults for what callers may pass; a command without a transaction cannot emit", async () => {
    const a = await createInboxAccount(t.db);
    const clock = defineCommand({
      permission: "inbox.view",
      input: z.unknown(),
      transaction: false,
      deps: (given: { now?: Date }) => ({ now: given.now ?? new Date(0) }),
      run: async ({ now }) => ok(now.toISOString()),
    });
    expect(await clock({ db: t.db, actor: a.viewer })).toEqual(ok(new Date(0).toISOString()));
    expect(await clock({ db: t.db, actor: a.viewer, now: new Date(1000) })).toEqual(ok(new Date(1000).toISOString()));
    const noisy = defineCommand({
      permission: "inbox.view",
      input: z.unknown(),
      transaction: false,
      async run({ actor, emit }) {
        emit(labelled(actor.accountId, "never"));
        return ok(null);
      },
    });
    await expect(noisy({ db: t.db, actor: a.viewer })).rejects.toThrow(/cannot emit/);
  });
});

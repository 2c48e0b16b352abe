import type { z } from "zod";
import type { Db } from "@/db/database";
import { requirePermission, type Actor, type Permission } from "@/lib/access/permissions";
import type { NewEvent } from "@/lib/realtime/events";
import { recordEvents } from "@/lib/realtime/outbox";
import { fromZodError, type Failure } from "@/lib/result";

/** What `run` may return: a value, or a refusal (possibly with fields of its own, e.g. a code). */
type Outcome = { ok: true; value: unknown } | Failure;

/** Bad input: nothing ran. */
export type InvalidInput = { ok: false; error: string; fieldErrors: Record<string, string>; code: "invalid_input" };

/**
 * A check the command needs inside its transaction, before `run` (the inbox is writable, the actor
 * is still an Agent): a refusal to hand back, or null to go on. Guards live with the rule they
 * check (lib/inbox/writable-inbox.ts, lib/inbox/acting-agent.ts), so the skeleton imports no domain.
 */
export type Guard = (context: { tx: Db; actor: Actor; permission: Permission }) => Promise<Failure | null>;

/** Refusals of the skeleton itself: bad input, a read-only inbox, an error `rescue` mapped. */
export type Refused = InvalidInput | Failure;

export type CommandContext<Input, Deps> = {
  /** The command's transaction; the database itself for a command declared `transaction: false`. */
  tx: Db;
  actor: Actor;
  /** The input as the schema parsed it. */
  input: Input;
  /** Queues realtime events, in order; they go into the outbox in this transaction, and only if `run` returns ok. */
  emit: (...events: NewEvent[]) => void;
} & Deps;

/** How a command is called: `command({ db, actor, input })`, plus what its `deps` take (a clock, a provider, …). */
export type CommandArgs<Given = unknown> = { db: Db; actor: Actor; input?: unknown } & Given;

export type Command<Out extends Outcome = Outcome, Given = unknown, Schema extends z.ZodType = z.ZodType> = ((
  args: CommandArgs<Given>,
) => Promise<Out | Refused>) & {
  /** The input schema: the action helper reads form fields by it. */
  readonly input: Schema;
  readonly permission: Permission;
};

export type CommandSpec<Schema extends z.ZodType, Out extends Outcome, Given, Deps> = {
  /** Checked first, before the input is read: a refused actor gets a ForbiddenError. */
  permission: Permission;
  /** Parses the caller's `input: unknown`; bad input returns the zod messages and changes nothing. */
  input: Schema;
  /** Inside the transaction, in order, before `run`: e.g. `[inboxWritable, actingAgentHeld]`. */
  guards?: readonly Guard[];
  /** False where one transaction is not wanted (a single statement; a record, then a mail): `run` gets the database and may not emit. */
  transaction?: boolean;
  /** What the caller may pass besides db, actor and input, with defaults applied (`now`, a billing provider, …). */
  deps?: (given: Given) => Deps;
  /** Maps an error thrown by the transaction (after its rollback) to a refusal, e.g. a unique violation. */
  rescue?: (error: unknown) => Failure | undefined;
  run(context: CommandContext<z.output<Schema>, Deps>): Promise<Out>;
};

/**
 * The one skeleton of a user's command (DESIGN "The domain core"): authorize against the
 * permission named once → validate the input → one transaction → the guards the command
 * names → `run` → its emitted events into the outbox, in the same transaction, on success.
 * A refusal returned by `run` commits what `run` chose to write before it (nothing, as a rule).
 */
export function defineCommand<Schema extends z.ZodType, Out extends Outcome, Given = unknown, Deps = unknown>(
  spec: CommandSpec<Schema, Out, Given, Deps>,
): Command<Out, Given, Schema> {
  async function command({ db, actor, input, ...given }: CommandArgs<Given>): Promise<Out | Refused> {
    requirePermission(actor, spec.permission);
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return { ...fromZodError(parsed.error), code: "invalid_input" };
    const deps = (spec.deps ? spec.deps(given as Given) : {}) as Deps;

    const body = async (tx: Db, inTransaction: boolean): Promise<Out | Refused> => {
      for (const guard of spec.guards ?? []) {
        const refusal = await guard({ tx, actor, permission: spec.permission });
        if (refusal) return refusal;
      }
      const events: NewEvent[] = [];
      const emit = (...more: NewEvent[]) => {
        if (!inTransaction) throw new Error(`A command without a transaction cannot emit events (${spec.permission}).`);
        events.push(...more);
      };
      const result = await spec.run({ ...deps, tx, actor, input: parsed.data, emit } as CommandContext<z.output<Schema>, Deps>);
      // Last in the transaction: recording locks the account row until commit.
      if (result.ok && events.length > 0) await recordEvents({ tx, events });
      return result;
    };

    try {
      return spec.transaction === false ? await body(db, false) : await db.transaction((tx) => body(tx, true));
    } catch (error) {
      const refusal = spec.rescue?.(error);
      if (refusal) return refusal;
      throw error;
    }
  }
  return Object.assign(command, { input: spec.input, permission: spec.permission });
}

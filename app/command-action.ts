import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { Db } from "@/db/database";
import { ForbiddenError, type Actor } from "@/lib/access/permissions";
import { requireActor } from "@/app/(auth)/current-actor";

/**
 * The one way a server action runs a `lib/` command (DESIGN "One shape, written once"):
 * load the signed-in actor (signed out → /sign-in) → read the input (a form's fields by the
 * command's schema, or the caller's object) → call the one command → map its Result, or a
 * refused permission, to form state → revalidate. No rule lives here; lib checks everything.
 *
 *   export const replyAction = formAction(reply);                               // (state, FormData) => FormState
 *   export const assignAction = callAction(assignConversation);                 // (input) => FormState
 *   export const loadThreadAction = queryAction((q, id: string) => getThread({ ...q, conversationId: id }));
 */

/** The one wording of a refused permission. */
export const FORBIDDEN_MESSAGE = "You don't have permission to do this.";

/** What every action hands back to its form. */
export type FormState = { ok?: boolean; error?: string; fieldErrors?: Record<string, string> };

type Outcome = { ok: true; value: unknown } | { ok: false; error: string; fieldErrors?: Record<string, string> };
// `any`: each command has arguments of its own (deps such as `appUrl`, given through `with`).
type Callable = (args: any) => Promise<Outcome>;
type AnyCommand = Callable & { input: z.ZodType };
type ValueOf<C extends Callable> = Extract<Awaited<ReturnType<C>>, { ok: true }>["value"];
type FailureOf<C extends AnyCommand> = Extract<Awaited<ReturnType<C>>, { ok: false }>;
/** What a command takes besides db, actor and input (e.g. the app's URL). */
type ExtraOf<C extends AnyCommand> = Omit<Parameters<C>[0], "db" | "actor" | "input">;

export type RevalidatePath = string | readonly [path: string, type: "layout" | "page"];

export type ActionOptions<C extends AnyCommand, Done, Refusal> = {
  /** Revalidated after a success. */
  revalidate?: readonly RevalidatePath[];
  /** Also after a refusal: for a command that records something even when it refuses (a declined payment's invoice). */
  revalidateOnFailure?: boolean;
  /** What else the command is given, read per request. */
  with?: () => ExtraOf<C> | Promise<ExtraOf<C>>;
  /** The state of a success besides `ok: true` (a message, a link); it may redirect, after the revalidation. */
  onSuccess?: (value: ValueOf<C>) => Done | Promise<Done>;
  /** The state of a refusal besides its `error` and `fieldErrors`. */
  onFailure?: (failure: FailureOf<C>) => Refusal;
};

export type ActionState<Done, Refusal> = FormState & Partial<Done> & Partial<Refusal>;

async function perform<C extends AnyCommand, Done, Refusal>(
  command: C,
  options: ActionOptions<C, Done, Refusal>,
  input: unknown,
): Promise<ActionState<Done, Refusal>> {
  const actor = await requireActor();
  let result: Outcome;
  try {
    result = await command({ db: await getDb(), actor, input, ...(await options.with?.()) });
  } catch (error) {
    if (error instanceof ForbiddenError) return { error: FORBIDDEN_MESSAGE } as ActionState<Done, Refusal>;
    throw error;
  }
  if (result.ok || options.revalidateOnFailure) {
    for (const path of options.revalidate ?? []) (typeof path === "string" ? revalidatePath(path) : revalidatePath(...path));
  }
  if (!result.ok) {
    return { error: result.error, fieldErrors: result.fieldErrors, ...options.onFailure?.(result as FailureOf<C>) } as ActionState<Done, Refusal>;
  }
  // onSuccess may redirect: Next's redirect throws, and nothing here catches it.
  const done = options.onSuccess ? await options.onSuccess(result.value as ValueOf<C>) : undefined;
  return { ok: true, ...done } as ActionState<Done, Refusal>;
}

/** A form's action for `useActionState`: the fields are read by the command's schema. */
export function formAction<C extends AnyCommand, Done = object, Refusal = object>(command: C, options: ActionOptions<C, Done, Refusal> = {}) {
  return async (_previous: unknown, form: FormData): Promise<ActionState<Done, Refusal>> =>
    perform(command, options, formInput(form, command.input));
}

/** A plain `<form action>` whose outcome is a redirect or the revalidated page: no state comes back. */
export function submitAction<C extends AnyCommand, Done = object, Refusal = object>(command: C, options: ActionOptions<C, Done, Refusal> = {}) {
  return async (form: FormData): Promise<void> => {
    await perform(command, options, formInput(form, command.input));
  };
}

/** An action called from client code with the command's input object. */
export function callAction<C extends AnyCommand, Done = object, Refusal = object>(command: C, options: ActionOptions<C, Done, Refusal> = {}) {
  return async (input: z.input<C["input"]>): Promise<ActionState<Done, Refusal>> => perform(command, options, input);
}

/** A read for client code: the query gets `{ db, actor }` and the caller's arguments; a refused permission is a message. */
export function queryAction<Args extends unknown[], T>(query: (context: { db: Db; actor: Actor }, ...args: Args) => Promise<T>) {
  return async (...args: Args): Promise<T | { ok: false; error: string }> => {
    const actor = await requireActor();
    try {
      return await query({ db: await getDb(), actor }, ...args);
    } catch (error) {
      if (error instanceof ForbiddenError) return { ok: false, error: FORBIDDEN_MESSAGE };
      throw error;
    }
  };
}

/**
 * A form of someone not yet signed in (sign-up, accepting an invite): the command gets
 * `{ db, input }`; a refusal hands back the fields named in `keep` (never a password) so the
 * form keeps them; a success goes on to `onSuccess` (which signs in and redirects).
 */
export function guestFormAction<C extends ((args: { db: Db; input: unknown }) => Promise<Outcome>)>(
  command: C,
  options: { input: z.ZodType; keep: string[]; onSuccess: (value: ValueOf<C>, form: FormData) => Promise<void> },
) {
  return async (_previous: unknown, form: FormData): Promise<FormState & { values?: Record<string, string> }> => {
    const result = await command({ db: await getDb(), input: formInput(form, options.input) });
    if (!result.ok) {
      const values = Object.fromEntries(options.keep.map((key) => [key, String(form.get(key) ?? "")]));
      return { error: result.error, fieldErrors: result.fieldErrors, values };
    }
    await options.onSuccess(result.value as ValueOf<C>, form);
    return { ok: true };
  };
}

/**
 * A form's fields as the command's input, by its (object) schema: a checkbox is true when
 * ticked and false when absent; a list takes every value of its name; a blank field the schema
 * may leave out is left out. Everything else stays text for the schema to coerce and check.
 */
export function formInput(form: FormData, schema: z.ZodType): Record<string, unknown> {
  const shape = (schema._zod.def as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return Object.fromEntries(form);
  const input: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const kind = baseKind(field);
    if (kind === "boolean") input[key] = form.get(key) === "on" || form.get(key) === "true";
    else if (kind === "array") input[key] = form.getAll(key);
    else {
      const value = form.get(key);
      if (value === null || (value === "" && field.safeParse(undefined).success)) continue;
      input[key] = value;
    }
  }
  return input;
}

/** The schema's type under optional / nullable / default / pipe wrappers ("boolean", "array", "string", …). */
function baseKind(schema: z.ZodType): string {
  let def = schema._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
  for (let depth = 0; depth < 8; depth++) {
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (!inner) break;
    def = inner._zod.def as typeof def;
  }
  return def.type;
}

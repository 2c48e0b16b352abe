import type { z } from "zod";

/** A refusal a form can show: a message, messages next to fields, and a code where callers branch on it. */
export type Failure = { ok: false; error: string; fieldErrors?: Record<string, string>; code?: string };

/** What a command returns: its value, or messages a form can show next to its fields. */
export type Result<T> = { ok: true; value: T } | Failure;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(error: string, fieldErrors?: Record<string, string>): { ok: false; error: string; fieldErrors?: Record<string, string> } {
  return { ok: false, error, fieldErrors };
}

/** A refusal shown on one field and as the form's message. */
export function failField(field: string, error: string): { ok: false; error: string; fieldErrors: Record<string, string> } {
  return { ok: false, error, fieldErrors: { [field]: error } };
}

export function fromZodError(error: z.ZodError): { ok: false; error: string; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "form";
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, error: error.issues[0]?.message ?? "Check the form and try again.", fieldErrors };
}

/** Postgres unique-violation, as reported by both postgres-js and PGlite (possibly wrapped by Drizzle). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };
    if (e.code === "23505") {
      return !constraint || e.constraint === constraint || e.constraint_name === constraint;
    }
    current = e.cause;
  }
  return false;
}

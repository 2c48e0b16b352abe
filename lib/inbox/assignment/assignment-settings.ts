import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { assignmentSettings } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { defineCommand } from "@/lib/command";
import { ok, type Result } from "@/lib/result";

export const assignmentModes = ["off", "round_robin", "least_open"] as const;
export type AssignmentMode = (typeof assignmentModes)[number];

export const assignmentModeLabel: Record<AssignmentMode, string> = {
  off: "Off",
  round_robin: "Round-robin",
  least_open: "Fewest open conversations",
};

export type AssignmentSettings = { mode: AssignmentMode; maxOpenPerAgent: number | null; awayAfterMinutes: number };

export const DEFAULT_ASSIGNMENT_SETTINGS: AssignmentSettings = { mode: "off", maxOpenPerAgent: null, awayAfterMinutes: 10 };

/** An empty form field is "no value". */
const blankToNull = (v: unknown) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v) : v);

export const assignmentSettingsInput = z.object({
  mode: z.enum(assignmentModes, { error: "Pick how conversations are assigned." }),
  maxOpenPerAgent: z.preprocess(
    blankToNull,
    z.number({ error: "Enter a whole number, or leave it empty for no cap." }).int("Enter a whole number, or leave it empty for no cap.").min(1, "The cap is at least 1.").max(1000, "The cap is at most 1000.").nullable(),
  ),
  awayAfterMinutes: z.preprocess(
    blankToNull,
    z.number({ error: "Enter the minutes after which an agent without an open inbox counts as away." }).int("Enter whole minutes.").min(1, "At least 1 minute.").max(1440, "At most 1440 minutes (a day)."),
  ),
});

export async function getAssignmentSettings({ db, actor }: { db: Db; actor: Actor }): Promise<AssignmentSettings> {
  requirePermission(actor, "inbox.view");
  const [row] = await db.select().from(assignmentSettings).where(eq(assignmentSettings.accountId, actor.accountId));
  return row ? { mode: row.mode, maxOpenPerAgent: row.maxOpenPerAgent, awayAfterMinutes: row.awayAfterMinutes } : DEFAULT_ASSIGNMENT_SETTINGS;
}

/** Settings → Conversations → "Assignment" (admins): off (default), round-robin or fewest open, with an optional cap. */
export const updateAssignmentSettings = defineCommand({
  permission: "assignment.manage",
  input: assignmentSettingsInput,
  transaction: false,
  async run({ tx: db, actor, input }): Promise<Result<AssignmentSettings>> {
    const values = { mode: input.mode, maxOpenPerAgent: input.maxOpenPerAgent, awayAfterMinutes: input.awayAfterMinutes };
    await db
      .insert(assignmentSettings)
      .values({ accountId: actor.accountId, ...values })
      .onConflictDoUpdate({ target: assignmentSettings.accountId, set: { ...values, updatedAt: new Date() } });
    return ok(values);
  },
});

import { z } from "zod";
import { channels } from "@/lib/message-channels/message-channels";
import { daysBetween, isTimeZone, MAX_PERIOD_DAYS, periodPresets } from "./period";

// A GET form sends "" for "All"; treat it as not given.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : Array.isArray(v) ? v[0] : v), schema.optional());

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2025-01-31.").refine((v) => {
  const [y, m, d] = v.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}, "That date does not exist.");

/** The Analytics page's filters (its search params) and the CSV export's. */
export const reportInput = z
  .object({
    period: optional(z.enum(periodPresets, { error: "Pick a period." })).transform((v) => v ?? "7d"),
    from: optional(day),
    to: optional(day),
    agent: optional(z.string().uuid("Pick an agent.")),
    group: optional(z.string().uuid("Pick a group.")),
    channel: optional(z.enum(channels, { error: "Pick a channel." })),
    tag: optional(z.string().uuid("Pick a tag.")),
    /** Overrides the account's time zone for this report. */
    tz: optional(z.string().refine(isTimeZone, "Unknown time zone.")),
  })
  .superRefine((v, ctx) => {
    if (v.period !== "custom") return;
    if (!v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "Pick the first day." });
    if (!v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Pick the last day." });
    if (!v.from || !v.to) return;
    if (v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The last day is before the first day." });
    else if (daysBetween(v.from, v.to) > MAX_PERIOD_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `Pick at most ${MAX_PERIOD_DAYS} days.` });
    }
  });

export type ReportInput = z.input<typeof reportInput>;
export type ReportFilters = z.output<typeof reportInput>;

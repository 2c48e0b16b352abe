import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { webchatWidgets } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { defineCommand } from "@/lib/command";
import { channelsChanged } from "@/lib/realtime/events";
import { failField, ok, type Result } from "@/lib/result";
import { recentChannelChanges, recordChannelChange } from "@/lib/channels/settings/channel-audit";
import { ensureWidgetKey, newWidgetKey } from "./widget-key";
import type { WidgetSettings } from "./widget-gate";

/** The snippet a customer pastes into their website. */
export function widgetSnippet(appUrl: string, widgetKey: string): string {
  return `<script src="${appUrl.replace(/\/+$/, "")}/widget.js" data-key="${widgetKey}" async></script>`;
}

/**
 * The Web Chat card (Settings → Channels): the account's widget, its key created on first open,
 * and its latest configuration changes. Admins only.
 */
export async function webChatSettings({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "channels.manage");
  await ensureWidgetKey({ db, accountId: actor.accountId });
  const [widget] = await db.select().from(webchatWidgets).where(eq(webchatWidgets.accountId, actor.accountId));
  const changes = await recentChannelChanges({ db, accountId: actor.accountId, channel: "chat" });
  return { widget, changes };
}

/** The account's widget row, locked for this change (created first if the card was never opened). */
async function lockWidget(tx: Db, accountId: string): Promise<WidgetSettings> {
  await ensureWidgetKey({ db: tx, accountId });
  const [widget] = await tx.select().from(webchatWidgets).where(eq(webchatWidgets.accountId, accountId)).for("update");
  return widget;
}

const touch = { updatedAt: sql`now()` };

export const setWebChatEnabledInput = z.object({ enabled: z.boolean({ error: "Choose on or off." }) });

/** On/off: off hides the widget on every website and makes its endpoints answer 404. */
export const setWebChatEnabled = defineCommand({
  permission: "channels.manage",
  input: setWebChatEnabledInput,
  async run({ tx, actor, input: { enabled }, emit }): Promise<Result<{ enabled: boolean }>> {
    const widget = await lockWidget(tx, actor.accountId);
    if (widget.enabled === enabled) return ok({ enabled });
    await tx.update(webchatWidgets).set({ enabled, ...touch }).where(eq(webchatWidgets.accountId, actor.accountId));
    await recordChannelChange(tx, actor, "chat", enabled ? "Turned web chat on." : "Turned web chat off: the widget is hidden on every website.");
    emit(channelsChanged(actor.accountId, "chat"));
    return ok({ enabled });
  },
});

export const rotateWidgetKeyInput = z.object({});

/** A new key; the old one stops working at once (its snippet shows nothing). Conversations stay. */
export const rotateWidgetKey = defineCommand({
  permission: "channels.manage",
  input: rotateWidgetKeyInput,
  async run({ tx, actor, emit }): Promise<Result<{ widgetKey: string }>> {
    const widget = await lockWidget(tx, actor.accountId);
    const widgetKey = newWidgetKey();
    await tx.update(webchatWidgets).set({ widgetKey, ...touch }).where(eq(webchatWidgets.accountId, actor.accountId));
    await recordChannelChange(tx, actor, "chat", `Rotated the widget key: the old key (…${widget.widgetKey.slice(-4)}) stopped working.`);
    emit(channelsChanged(actor.accountId, "chat"));
    return ok({ widgetKey });
  },
});

const MAX_ORIGINS = 20;

/**
 * The website origins typed by an admin (one a line, or separated by commas or spaces), each
 * reduced to scheme://host[:port]; a word that is not an http(s) address is refused by name.
 */
export function parseAllowedOrigins(text: string): { ok: true; origins: string[] } | { ok: false; error: string } {
  const words = text.split(/[\s,]+/).filter(Boolean);
  if (words.length > MAX_ORIGINS) return { ok: false, error: `List ${MAX_ORIGINS} websites at most.` };
  const origins: string[] = [];
  for (const word of words) {
    let url: URL;
    try {
      url = new URL(word);
    } catch {
      return { ok: false, error: `"${word.slice(0, 80)}" is not a website address: write it like https://www.example.com.` };
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, error: `"${word.slice(0, 80)}" must start with https:// (or http://).` };
    if (url.username || url.password) return { ok: false, error: `"${word.slice(0, 80)}" must not contain a user name or password.` };
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return { ok: true, origins };
}

export const setWidgetOriginsInput = z.object({ origins: z.string().max(5000, "That list is too long.").default("") });

/** Empty = any website; otherwise the widget endpoints refuse requests from other origins with 403. */
export const setWidgetOrigins = defineCommand({
  permission: "channels.manage",
  input: setWidgetOriginsInput,
  async run({ tx, actor, input, emit }): Promise<Result<{ origins: string[] }>> {
    const parsed = parseAllowedOrigins(input.origins);
    if (!parsed.ok) return failField("origins", parsed.error);
    await lockWidget(tx, actor.accountId);
    await tx.update(webchatWidgets).set({ allowedOrigins: parsed.origins, ...touch }).where(eq(webchatWidgets.accountId, actor.accountId));
    await recordChannelChange(
      tx,
      actor,
      "chat",
      parsed.origins.length ? `Allowed websites: ${parsed.origins.join(", ")}.` : "Allowed websites: any.",
    );
    emit(channelsChanged(actor.accountId, "chat"));
    return ok({ origins: parsed.origins });
  },
});

export const setWidgetAppearanceInput = z.object({
  title: z.string().trim().min(1, "Give the widget a title.").max(60, "Keep the title to 60 characters."),
  greeting: z.string().trim().min(1, "Write a greeting visitors see first.").max(300, "Keep the greeting to 300 characters."),
});

/** The widget's title (launcher and header) and the greeting a visitor sees before writing. */
export const setWidgetAppearance = defineCommand({
  permission: "channels.manage",
  input: setWidgetAppearanceInput,
  async run({ tx, actor, input: { title, greeting }, emit }): Promise<Result<{ title: string; greeting: string }>> {
    await lockWidget(tx, actor.accountId);
    await tx.update(webchatWidgets).set({ title, greeting, ...touch }).where(eq(webchatWidgets.accountId, actor.accountId));
    await recordChannelChange(tx, actor, "chat", `Set the title to "${title}" and the greeting to "${greeting}".`);
    emit(channelsChanged(actor.accountId, "chat"));
    return ok({ title, greeting });
  },
});

import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { messengerPages } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { recordChannelChange } from "@/lib/channels/settings/channel-audit";
import { defineCommand } from "@/lib/command";
import { channelsChanged } from "@/lib/realtime/events";
import { fail, failField, isUniqueViolation, ok, type Result } from "@/lib/result";

export const connectMessengerPageInput = z.object({
  pageId: z
    .string({ error: "Enter the Page ID." })
    .trim()
    .regex(/^\d{5,30}$/, "The Page ID is a number (find it in your Page's About → Page transparency)."),
  name: z.string().trim().min(1, "Name the page (as your team knows it).").max(100, "Keep the name to 100 characters."),
  pageAccessToken: z
    .string({ error: "Paste the Page access token." })
    .trim()
    .min(20, "That is too short for a Page access token; copy the whole token from the Meta app.")
    .max(1000, "That is too long for a Page access token.")
    .regex(/^[A-Za-z0-9_.|-]+$/, "A Page access token has letters and digits only; check you copied it whole."),
});

/**
 * Connects a Facebook Page: inbound events name it as recipient; replies use its access token.
 * The token is stored server-side and never sent back to the browser (the card shows only that one is set).
 */
export const connectMessengerPage = defineCommand({
  permission: "channels.manage",
  input: connectMessengerPageInput,
  async run({ tx, actor, input: { pageId, name, pageAccessToken }, emit }): Promise<Result<{ id: string; pageId: string }>> {
    const [row] = await tx
      .insert(messengerPages)
      .values({ accountId: actor.accountId, pageId, name, pageAccessToken })
      .returning({ id: messengerPages.id, pageId: messengerPages.pageId });
    await recordChannelChange(tx, actor, "messenger", `Connected the Page "${name}" (${pageId}).`);
    emit(channelsChanged(actor.accountId, "messenger"));
    return ok(row);
  },
  rescue(error) {
    if (isUniqueViolation(error, "messenger_pages_page_unique")) return failField("pageId", "This Page is already connected.");
  },
});

export const disconnectMessengerPageInput = z.object({ id: z.string().uuid("Page not found.") });

/** Disconnects a Page: its messages stop arriving and its token is forgotten; conversations stay. */
export const disconnectMessengerPage = defineCommand({
  permission: "channels.manage",
  input: disconnectMessengerPageInput,
  async run({ tx, actor, input: { id }, emit }): Promise<Result<{ pageId: string }>> {
    const [row] = await tx
      .delete(messengerPages)
      .where(and(eq(messengerPages.id, id), eq(messengerPages.accountId, actor.accountId)))
      .returning({ pageId: messengerPages.pageId, name: messengerPages.name });
    if (!row) return fail("Page not found.");
    await recordChannelChange(tx, actor, "messenger", `Disconnected the Page "${row.name}" (${row.pageId}).`);
    emit(channelsChanged(actor.accountId, "messenger"));
    return ok({ pageId: row.pageId });
  },
});

/** The connected Pages as the card shows them: never the token, only whether one is set. */
export async function listMessengerPages({ db, actor }: { db: Db; actor: Actor }) {
  requirePermission(actor, "channels.manage");
  return db
    .select({ id: messengerPages.id, pageId: messengerPages.pageId, name: messengerPages.name, hasToken: sql<boolean>`${messengerPages.pageAccessToken} IS NOT NULL` })
    .from(messengerPages)
    .where(eq(messengerPages.accountId, actor.accountId))
    .orderBy(asc(messengerPages.createdAt));
}

import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { assignmentChannelGroups, groups } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/access/permissions";
import { defineCommand } from "@/lib/command";
import { channels, type Channel } from "@/lib/message-channels/message-channels";
import { failField, ok, type Result } from "@/lib/result";

export const channelGroupInput = z.object({
  channel: z.enum(channels, { error: "Pick a channel." }),
  /** Empty: every available agent. */
  groupId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().uuid("Pick one of your account's groups.").nullable()),
});

/** Which group automatic assignment is limited to, per channel (absent: every available agent). */
export async function listChannelGroups({ db, actor }: { db: Db; actor: Actor }): Promise<Partial<Record<Channel, string>>> {
  requirePermission(actor, "assignment.manage");
  const rows = await db
    .select({ channel: assignmentChannelGroups.channel, groupId: assignmentChannelGroups.groupId })
    .from(assignmentChannelGroups)
    .where(eq(assignmentChannelGroups.accountId, actor.accountId));
  return Object.fromEntries(rows.map((r) => [r.channel, r.groupId]));
}

/** Settings → Conversations → "Assignment": limit automatic assignment of a channel's conversations to a group (admins). */
export const setChannelGroup = defineCommand({
  permission: "assignment.manage",
  input: channelGroupInput,
  async run({ tx, actor, input: { channel, groupId } }): Promise<Result<{ channel: Channel; groupId: string | null }>> {
    if (groupId === null) {
      await tx
        .delete(assignmentChannelGroups)
        .where(and(eq(assignmentChannelGroups.accountId, actor.accountId), eq(assignmentChannelGroups.channel, channel)));
      return ok({ channel, groupId });
    }
    const [group] = await tx.select({ id: groups.id }).from(groups).where(and(eq(groups.id, groupId), eq(groups.accountId, actor.accountId)));
    if (!group) return failField("groupId", "Pick one of your account's groups.");
    await tx
      .insert(assignmentChannelGroups)
      .values({ accountId: actor.accountId, channel, groupId })
      .onConflictDoUpdate({ target: [assignmentChannelGroups.accountId, assignmentChannelGroups.channel], set: { groupId } });
    return ok({ channel, groupId });
  },
});

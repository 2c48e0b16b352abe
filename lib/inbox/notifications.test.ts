import { describe, expect, test } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { assignConversation } from "./assign";
import { markNotificationsRead } from "./mark-notifications-read";
import { getNotificationSettings, updateNotificationSettings } from "./notification-settings";
import { countUnreadNotifications, listNotifications } from "./queries/notifications";
import { createInboxAccount, inbound } from "./inbox.fixtures";

const t = useTestDatabase();

describe("notifications (SPEC §6)", () => {
  test("the bell lists the agent's own notifications newest first; reading them clears the count", async () => {
    const a = await createInboxAccount(t.db);
    const { conversationId } = await inbound(t.db, a.accountId);
    await assignConversation({ db: t.db, actor: a.alice, input: { conversationId, assigneeId: a.bob.userId } });
    const list = await listNotifications({ db: t.db, actor: a.bob });
    expect(list.map((n) => n.kind)).toEqual(["assigned", "new_conversation"]);
    expect(list[0]).toMatchObject({ conversationNumber: 1, contactName: "Carla Customer", actorName: a.alice.name, read: false });
    expect(await countUnreadNotifications({ db: t.db, actor: a.bob })).toBe(2);
    // Someone else's ids change nothing.
    expect(await markNotificationsRead({ db: t.db, actor: a.alice, input: { ids: [list[0].id] } })).toEqual({ ok: true, value: { count: 0 } });
    expect(await markNotificationsRead({ db: t.db, actor: a.bob, input: { ids: [list[0].id] } })).toEqual({ ok: true, value: { count: 1 } });
    expect(await countUnreadNotifications({ db: t.db, actor: a.bob })).toBe(1);
    await markNotificationsRead({ db: t.db, actor: a.bob, input: {} });
    expect(await countUnreadNotifications({ db: t.db, actor: a.bob })).toBe(0);
    const older = await listNotifications({ db: t.db, actor: a.bob, before: { createdAt: list[0].createdAt, id: list[0].id } });
    expect(older.map((n) => n.id)).toEqual([list[1].id]);
  });

  test("viewers and No-access users get none and have no settings; agents keep their own desktop/audio settings", async () => {
    const a = await createInboxAccount(t.db);
    await inbound(t.db, a.accountId);
    expect(await listNotifications({ db: t.db, actor: a.viewer })).toEqual([]);
    expect(await countUnreadNotifications({ db: t.db, actor: a.nobody })).toBe(0);
    await expect(getNotificationSettings({ db: t.db, actor: a.viewer })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getNotificationSettings({ db: t.db, actor: a.alice })).toEqual({ desktop: false, audio: true });
    expect(await updateNotificationSettings({ db: t.db, actor: a.alice, input: { desktop: true, audio: false } })).toEqual({ ok: true, value: { desktop: true, audio: false } });
    expect(await getNotificationSettings({ db: t.db, actor: a.alice })).toEqual({ desktop: true, audio: false });
    expect(await getNotificationSettings({ db: t.db, actor: a.bob })).toEqual({ desktop: false, audio: true });
    expect(await updateNotificationSettings({ db: t.db, actor: a.bob, input: { desktop: "yes", audio: true } })).toMatchObject({ ok: false });
  });
});

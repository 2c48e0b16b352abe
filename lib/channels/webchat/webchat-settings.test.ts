import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { channelConfigChanges, events, webchatWidgets } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError } from "@/lib/access/permissions";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { admitVisitor, admitWidgetKey, originAllowed } from "./widget-gate";
import { startVisitorSession } from "./visitor-session";
import { verifyVisitorToken } from "./visitor-token";
import {
  parseAllowedOrigins,
  rotateWidgetKey,
  setWebChatEnabled,
  setWidgetAppearance,
  setWidgetOrigins,
  webChatSettings,
  widgetSnippet,
} from "./webchat-settings";

const t = useTestDatabase();

async function widgetOf(accountId: string) {
  const [row] = await t.db.select().from(webchatWidgets).where(eq(webchatWidgets.accountId, accountId));
  return row;
}

describe("Settings → Channels: web chat", () => {
  it("opening the card creates the key once; the snippet carries the app URL", async () => {
    const a = await createInboxAccount(t.db);
    const first = await webChatSettings({ db: t.db, actor: a.owner });
    const again = await webChatSettings({ db: t.db, actor: a.viewerAdmin });
    expect(first.widget.widgetKey).toMatch(/^wk_/);
    expect(again.widget.widgetKey).toBe(first.widget.widgetKey);
    expect(widgetSnippet("https://chat.example.com/", first.widget.widgetKey)).toBe(
      `<script src="https://chat.example.com/widget.js" data-key="${first.widget.widgetKey}" async></script>`,
    );
  });

  it("only admins may read or change it: agents, viewers and No access are refused and nothing changes", async () => {
    const a = await createInboxAccount(t.db);
    for (const actor of [a.alice, a.viewer, a.nobody]) {
      await expect(webChatSettings({ db: t.db, actor })).rejects.toThrow(ForbiddenError);
      await expect(setWebChatEnabled({ db: t.db, actor, input: { enabled: false } })).rejects.toThrow(ForbiddenError);
      await expect(rotateWidgetKey({ db: t.db, actor, input: {} })).rejects.toThrow(ForbiddenError);
      await expect(setWidgetOrigins({ db: t.db, actor, input: { origins: "https://x.test" } })).rejects.toThrow(ForbiddenError);
      await expect(setWidgetAppearance({ db: t.db, actor, input: { title: "T", greeting: "G" } })).rejects.toThrow(ForbiddenError);
    }
    expect(await widgetOf(a.accountId)).toBeUndefined();
    expect(await t.db.select().from(channelConfigChanges)).toHaveLength(0);
  });

  it("an admin of another account changes only their own widget", async () => {
    const a = await createInboxAccount(t.db);
    const b = await createInboxAccount(t.db, "Other Co");
    const { widget: before } = await webChatSettings({ db: t.db, actor: a.owner });
    expect(await rotateWidgetKey({ db: t.db, actor: b.owner, input: {} })).toMatchObject({ ok: true });
    expect(await setWebChatEnabled({ db: t.db, actor: b.owner, input: { enabled: false } })).toMatchObject({ ok: true });
    const after = await widgetOf(a.accountId);
    expect(after.widgetKey).toBe(before.widgetKey);
    expect(after.enabled).toBe(true);
    expect((await widgetOf(b.accountId)).enabled).toBe(false);
  });

  it("off: the key's session and the visitor's requests are refused (404); on again: they work", async () => {
    const a = await createInboxAccount(t.db);
    const { widget } = await webChatSettings({ db: t.db, actor: a.owner });
    const session = await startVisitorSession({ db: t.db, widgetKey: widget.widgetKey });
    if (!session.ok) throw new Error(session.error);
    const visitor = verifyVisitorToken(session.value.token)!;
    expect(visitor.widgetKey).toBe(widget.widgetKey);

    const off = await setWebChatEnabled({ db: t.db, actor: a.viewerAdmin, input: { enabled: false } });
    expect(off).toMatchObject({ ok: true });
    expect(await startVisitorSession({ db: t.db, widgetKey: widget.widgetKey })).toMatchObject({ ok: false, status: 404 });
    expect(await admitVisitor({ db: t.db, visitor, origin: null })).toMatchObject({ ok: false, status: 404 });

    await setWebChatEnabled({ db: t.db, actor: a.owner, input: { enabled: true } });
    expect(await admitVisitor({ db: t.db, visitor, origin: null })).toMatchObject({ ok: true });

    // Audit: who, what; and a realtime event for other admins' open pages.
    const audit = await t.db.select().from(channelConfigChanges).where(eq(channelConfigChanges.accountId, a.accountId));
    expect(audit.map((r) => [r.actorId, r.summary])).toEqual([
      [a.viewerAdmin.userId, "Turned web chat off: the widget is hidden on every website."],
      [a.owner.userId, "Turned web chat on."],
    ]);
    const emitted = await t.db.select().from(events).where(eq(events.accountId, a.accountId));
    expect(emitted.filter((e) => e.type === "channels.changed").map((e) => e.payload)).toEqual([{ channel: "chat" }, { channel: "chat" }]);
  });

  it("rotating: the old key and visitors' tokens under it stop at once; the conversation's visitor keeps their identity under the new key", async () => {
    const a = await createInboxAccount(t.db);
    const { widget } = await webChatSettings({ db: t.db, actor: a.owner });
    const old = await startVisitorSession({ db: t.db, widgetKey: widget.widgetKey });
    if (!old.ok) throw new Error(old.error);
    const rotated = await rotateWidgetKey({ db: t.db, actor: a.owner, input: {} });
    if (!rotated.ok) throw new Error(rotated.error);
    expect(rotated.value.widgetKey).not.toBe(widget.widgetKey);
    expect(await admitWidgetKey({ db: t.db, widgetKey: widget.widgetKey, origin: null })).toMatchObject({ ok: false, status: 404 });
    expect(await admitVisitor({ db: t.db, visitor: verifyVisitorToken(old.value.token)!, origin: null })).toMatchObject({ ok: false, status: 404 });
    const renewed = await startVisitorSession({ db: t.db, widgetKey: rotated.value.widgetKey, token: old.value.token });
    if (!renewed.ok) throw new Error(renewed.error);
    expect(renewed.value.visitorId).toBe(old.value.visitorId);
    expect(verifyVisitorToken(renewed.value.token)!.widgetKey).toBe(rotated.value.widgetKey);
    const [audit] = await t.db.select().from(channelConfigChanges).where(eq(channelConfigChanges.accountId, a.accountId));
    expect(audit.summary).toContain(`…${widget.widgetKey.slice(-4)}`);
  });

  it("allowed origins: other websites are refused (403), the app's own origin and listed ones pass; bad input changes nothing", async () => {
    const a = await createInboxAccount(t.db);
    const { widget } = await webChatSettings({ db: t.db, actor: a.owner });
    for (const bad of ["shop.example.com", "ftp://shop.example.com", "https://user:pw@shop.example.com", "javascript:alert(1)"]) {
      const refused = await setWidgetOrigins({ db: t.db, actor: a.owner, input: { origins: bad } });
      expect(refused).toMatchObject({ ok: false, fieldErrors: { origins: expect.any(String) } });
    }
    expect((await widgetOf(a.accountId)).allowedOrigins).toEqual([]);
    const set = await setWidgetOrigins({ db: t.db, actor: a.owner, input: { origins: "https://Shop.Example.com/path\nhttp://localhost:4113, https://shop.example.com" } });
    expect(set).toMatchObject({ ok: true, value: { origins: ["https://shop.example.com", "http://localhost:4113"] } });
    const key = { db: t.db, widgetKey: widget.widgetKey };
    expect(await admitWidgetKey({ ...key, origin: "https://shop.example.com" })).toMatchObject({ ok: true });
    expect(await admitWidgetKey({ ...key, origin: "https://evil.example.com" })).toMatchObject({ ok: false, status: 403 });
    expect(await admitWidgetKey({ ...key, origin: "https://app.test", appOrigin: "https://app.test" })).toMatchObject({ ok: true });
    expect(originAllowed([], "https://anything.test")).toBe(true);
    expect(await setWidgetOrigins({ db: t.db, actor: a.owner, input: { origins: "" } })).toMatchObject({ ok: true, value: { origins: [] } });
    expect(parseAllowedOrigins(Array.from({ length: 21 }, (_, i) => `https://s${i}.test`).join(" "))).toMatchObject({ ok: false });
  });

  it("title and greeting: validated, then given to the widget's session", async () => {
    const a = await createInboxAccount(t.db);
    const { widget } = await webChatSettings({ db: t.db, actor: a.owner });
    expect(await setWidgetAppearance({ db: t.db, actor: a.owner, input: { title: " ", greeting: "Hi" } })).toMatchObject({
      ok: false,
      fieldErrors: { title: "Give the widget a title." },
    });
    expect(await setWidgetAppearance({ db: t.db, actor: a.owner, input: { title: "x".repeat(61), greeting: "Hi" } })).toMatchObject({ ok: false });
    expect(await setWidgetAppearance({ db: t.db, actor: a.owner, input: { title: "Talk to Acme", greeting: "Hello! Ask us anything." } })).toMatchObject({ ok: true });
    const session = await startVisitorSession({ db: t.db, widgetKey: widget.widgetKey });
    expect(session).toMatchObject({ ok: true, value: { appearance: { title: "Talk to Acme", greeting: "Hello! Ask us anything." } } });
  });
});

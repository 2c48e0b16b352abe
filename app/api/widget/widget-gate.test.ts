import { beforeEach, describe, expect, test, vi } from "vitest";
import { useTestDatabase } from "@/db/test-database";
import { rotateWidgetKey, setWebChatEnabled, setWidgetOrigins, webChatSettings } from "@/lib/channels/webchat/webchat-settings";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";

const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/db/client", () => ({ getDb: async () => session.db }));

const { POST: startSession } = await import("./session/route");
const { GET: history } = await import("./history/route");
const { POST: sendMessage } = await import("./messages/route");

const t = useTestDatabase();
beforeEach(() => {
  session.db = t.db;
});

let ip = 0;
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://app.test${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-conversations-socket-address": `10.2.0.${++ip % 250}`, ...headers },
    body: JSON.stringify(body),
  });
const get = (url: string, headers: Record<string, string> = {}) => new Request(`http://app.test${url}`, { headers: { "x-conversations-socket-address": `10.2.1.${++ip % 250}`, ...headers } });

async function openWidget() {
  const a = await createInboxAccount(t.db);
  const { widget } = await webChatSettings({ db: t.db, actor: a.owner });
  const res = await startSession(post("/api/widget/session", { widgetKey: widget.widgetKey }, { origin: "https://shop.test" }));
  expect(res.status).toBe(200);
  const token = (await res.json()).token as string;
  return { a, widgetKey: widget.widgetKey, token };
}

describe("the widget endpoints follow Settings → Channels", () => {
  test("web chat off: session, history and messages answer 404 for that key; on again they work", async () => {
    const { a, widgetKey, token } = await openWidget();
    await setWebChatEnabled({ db: t.db, actor: a.owner, input: { enabled: false } });
    expect((await startSession(post("/api/widget/session", { widgetKey }))).status).toBe(404);
    expect((await history(get("/api/widget/history", { "x-visitor-token": token }))).status).toBe(404);
    const refused = await sendMessage(post("/api/widget/messages", { body: "Hello?", clientMessageId: crypto.randomUUID() }, { "x-visitor-token": token }));
    expect(refused.status).toBe(404);
    await setWebChatEnabled({ db: t.db, actor: a.owner, input: { enabled: true } });
    const sent = await sendMessage(post("/api/widget/messages", { body: "Hello?", clientMessageId: crypto.randomUUID() }, { "x-visitor-token": token }));
    expect(sent.status).toBe(201);
  });

  test("rotated key: the old snippet's session and its visitors' tokens answer 404; the new key works", async () => {
    const { a, widgetKey, token } = await openWidget();
    const rotated = await rotateWidgetKey({ db: t.db, actor: a.owner, input: {} });
    if (!rotated.ok) throw new Error(rotated.error);
    expect((await startSession(post("/api/widget/session", { widgetKey }))).status).toBe(404);
    expect((await sendMessage(post("/api/widget/messages", { body: "Hi", clientMessageId: crypto.randomUUID() }, { "x-visitor-token": token }))).status).toBe(404);
    expect((await startSession(post("/api/widget/session", { widgetKey: rotated.value.widgetKey }))).status).toBe(200);
  });

  test("allowed origins: another website gets 403, a listed one and the app itself pass", async () => {
    const { a, widgetKey, token } = await openWidget();
    await setWidgetOrigins({ db: t.db, actor: a.owner, input: { origins: "https://shop.test" } });
    expect((await startSession(post("/api/widget/session", { widgetKey }, { origin: "https://evil.test" }))).status).toBe(403);
    expect((await history(get("/api/widget/history", { "x-visitor-token": token, origin: "https://evil.test" }))).status).toBe(403);
    expect((await startSession(post("/api/widget/session", { widgetKey }, { origin: "https://shop.test" }))).status).toBe(200);
    expect((await startSession(post("/api/widget/session", { widgetKey }, { origin: "http://app.test" }))).status).toBe(200);
    expect((await history(get("/api/widget/history", { "x-visitor-token": token, origin: "https://shop.test" }))).status).toBe(200);
  });
});

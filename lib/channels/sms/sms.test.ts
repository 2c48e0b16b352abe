import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { accounts, smsLocalMailbox } from "@/db/schema";
import { useTestDatabase } from "@/db/test-database";
import { ForbiddenError, type Actor } from "@/lib/access/permissions";
import { parseInboundSms } from "./parse-inbound-sms";
import { smsRequestSignature, verifySmsRequestSignature } from "./request-signature";
import { SmsSendError, sendSms } from "./send-sms";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";
import { addSmsNumber } from "./sms-number-settings";
import { accountOfSmsNumber, isAccountSmsNumber, listSmsNumbers } from "@/lib/message-channels/sms-numbers";

const t = useTestDatabase();

const actorOf = (accountId: string, over: Partial<Actor> = {}): Actor => ({
  userId: "00000000-0000-0000-0000-000000000001",
  accountId,
  accessLevel: "agent",
  isAdmin: true,
  isPrimaryAdmin: false,
  ...over,
});

describe("SMS request signature", () => {
  it("matches the provider's published example", () => {
    const params = { CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" };
    const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    expect(smsRequestSignature(url, params, "12345")).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    expect(verifySmsRequestSignature({ url, params, signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", authToken: "12345" })).toBe(true);
  });

  it("refuses a changed parameter, another URL, a missing header or no configured token", () => {
    const params = { From: "+14155550100", To: "+14155550199", Body: "hi", MessageSid: "SM0123456789abcdef0123456789abcdef" };
    const url = "http://localhost:3000/api/webhooks/sms";
    const signature = smsRequestSignature(url, params, "tok");
    expect(verifySmsRequestSignature({ url, params: { ...params, Body: "hi!" }, signature, authToken: "tok" })).toBe(false);
    expect(verifySmsRequestSignature({ url: `${url}?x=1`, params, signature, authToken: "tok" })).toBe(false);
    expect(verifySmsRequestSignature({ url, params, signature: null, authToken: "tok" })).toBe(false);
    expect(verifySmsRequestSignature({ url, params, signature, authToken: undefined })).toBe(false);
  });
});

describe("parseInboundSms", () => {
  const valid = { From: "+1 (415) 555-0100", To: "+14155550199", Body: "Hello <script>x</script>", MessageSid: "SM0123456789abcdef0123456789abcdef" };
  it("accepts provider fields and normalizes numbers to E.164; the body stays text", () => {
    expect(parseInboundSms(valid)).toEqual({ ok: true, sms: { ...valid, From: "+14155550100", media: [] } });
  });
  it("refuses missing or malformed fields", () => {
    expect(parseInboundSms({ ...valid, MessageSid: "" }).ok).toBe(false);
    expect(parseInboundSms({ From: valid.From, To: valid.To, Body: "x" } as Record<string, string>)).toMatchObject({ ok: false, error: expect.stringContaining("MessageSid") });
    expect(parseInboundSms({ ...valid, From: "555-0100" })).toMatchObject({ ok: false, error: expect.stringContaining("From") });
    expect(parseInboundSms({ ...valid, Body: "   " }).ok).toBe(false);
    expect(parseInboundSms({ ...valid, Body: "x".repeat(1601) }).ok).toBe(false);
  });
});

describe("sending numbers", () => {
  it("admins add E.164 numbers; one number belongs to one account", async () => {
    const a = await createInboxAccount(t.db, "A");
    const b = await createInboxAccount(t.db, "B");
    expect(await addSmsNumber({ db: t.db, actor: a.viewerAdmin, input: { number: "+1 415 555 0100", label: "Support" } })).toMatchObject({
      ok: true,
      value: { number: "+14155550100" },
    });
    expect(await addSmsNumber({ db: t.db, actor: a.owner, input: { number: "0415" } })).toMatchObject({ ok: false, fieldErrors: { number: expect.any(String) } });
    expect(await addSmsNumber({ db: t.db, actor: b.owner, input: { number: "+14155550100" } })).toMatchObject({
      ok: false,
      error: "This number is already in use.",
    });
    await expect(addSmsNumber({ db: t.db, actor: a.alice, input: { number: "+14155550101" } })).rejects.toThrow(ForbiddenError);

    expect(await listSmsNumbers({ db: t.db, accountId: a.accountId })).toEqual([{ id: expect.any(String), number: "+14155550100", label: "Support" }]);
    expect(await listSmsNumbers({ db: t.db, accountId: b.accountId })).toEqual([]);
    expect(await accountOfSmsNumber({ db: t.db, number: "+14155550100" })).toBe(a.accountId);
    expect(await isAccountSmsNumber({ db: t.db, accountId: b.accountId, number: "+14155550100" })).toBe(false);
  });
});

describe("sendSms", () => {
  it("records the text in the local mailbox without a provider", async () => {
    const [a] = await t.db.insert(accounts).values({ name: "A" }).returning();
    const result = await sendSms({ db: t.db, env: {}, sms: { accountId: a.id, from: "+14155550100", to: "+14155550111", body: "On its way" } });
    expect(result.delivered).toBe("local-mailbox");
    expect(await t.db.select().from(smsLocalMailbox)).toMatchObject([{ accountId: a.id, from: "+14155550100", to: "+14155550111", body: "On its way" }]);
  });

  it("posts to the provider's REST API with basic auth when configured", async () => {
    const seen: { url: string; auth: string; body: string }[] = [];
    let status = 201;
    const server = createServer((req, res) => {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => {
        seen.push({ url: req.url!, auth: req.headers.authorization ?? "", body: data });
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(status === 201 ? { sid: "SMabc1234567" } : { message: "busy" }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const env = { SMS_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/2010-04-01`, SMS_ACCOUNT_SID: "AC1", SMS_AUTH_TOKEN: "tok" };
    const sms = { accountId: "00000000-0000-0000-0000-000000000000", from: "+14155550100", to: "+14155550111", body: "Hi & bye" };
    try {
      expect(await sendSms({ db: t.db, env, sms })).toEqual({ externalId: "SMabc1234567", delivered: "provider" });
      expect(seen[0].url).toBe("/2010-04-01/Accounts/AC1/Messages.json");
      expect(seen[0].auth).toBe(`Basic ${Buffer.from("AC1:tok").toString("base64")}`);
      expect(Object.fromEntries(new URLSearchParams(seen[0].body))).toEqual({ From: "+14155550100", To: "+14155550111", Body: "Hi & bye" });
      // MMS: one MediaUrl per image.
      const media = [
        { fileName: "a.png", contentType: "image/png", url: "https://app.example/api/files/1?sig=a" },
        { fileName: "b.gif", contentType: "image/gif", url: "https://app.example/api/files/2?sig=b" },
      ];
      await sendSms({ db: t.db, env, sms: { ...sms, media } });
      expect(new URLSearchParams(seen[1].body).getAll("MediaUrl")).toEqual(media.map((m) => m.url));
      status = 503;
      await expect(sendSms({ db: t.db, env, sms })).rejects.toMatchObject({ retryable: true });
      await expect(sendSms({ db: t.db, env, sms })).rejects.toBeInstanceOf(SmsSendError);
      expect(await t.db.select().from(smsLocalMailbox)).toHaveLength(0);
    } finally {
      server.close();
    }
  });
});

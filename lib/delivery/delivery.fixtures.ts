import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { contacts, messageDeliveries, messengerPages, smsNumbers } from "@/db/schema";
import { createInboxAccount } from "@/lib/inbox/inbox.fixtures";

let serial = 0;

/** An inbox account with an SMS number, a Messenger page and a contact reachable by email, SMS and web chat. */
export async function createDeliveryAccount(db: Db) {
  const a = await createInboxAccount(db);
  const n = ++serial;
  const smsNumber = `+1415666${String(1000 + n).slice(-4)}${String(Math.floor(Math.random() * 90) + 10)}`;
  await db.insert(smsNumbers).values({ accountId: a.accountId, number: smsNumber, label: "Main" });
  await db.insert(messengerPages).values({ accountId: a.accountId, pageId: `page-${a.accountId.slice(0, 8)}`, name: "Page" });
  const [contact] = await db
    .insert(contacts)
    .values({ accountId: a.accountId, name: "Nina New", email: `nina-${n}@example.com`, phone: `+1415777${String(1000 + n).slice(-4)}`, visitorId: `v_nina_${n}` })
    .returning();
  return { ...a, smsNumber, contact };
}

export async function deliveryOf(db: Db, messageId: number) {
  const [row] = await db.select().from(messageDeliveries).where(eq(messageDeliveries.messageId, messageId));
  return row;
}

/** A Twilio-style SMS API on 127.0.0.1 that answers each POST with the next status in `script` (then 201). */
export async function startSmsApiStub(script: number[]) {
  const requests: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      requests.push({ headers: req.headers, body });
      const status = script[requests.length - 1] ?? 201;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(status < 300 ? { sid: `SM${String(requests.length).padStart(10, "0")}` } : { message: status === 400 ? "The 'To' number is not a valid phone number." : "Service unavailable" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

import type { Db } from "@/db/database";
import { emailInboxes, messengerPages, smsNumbers } from "@/db/schema";
import { inboundEmailDomain } from "@/lib/channels/email/reply-address";
import { ensureWidgetKey } from "@/lib/channels/webchat/widget-key";
import { DEMO_MESSENGER_PAGE_ID, DEMO_SMS_NUMBER, DEMO_WIDGET_KEY } from "@/lib/demo/demo-account";

export const demoInboundAddress = () => `support@${inboundEmailDomain()}`;

/** The demo account's channels: a web-chat widget, an inbound email address, an SMS number and a Messenger page. */
export async function seedDemoChannels(db: Db, accountId: string) {
  await ensureWidgetKey({ db, accountId, widgetKey: DEMO_WIDGET_KEY });
  await db.insert(emailInboxes).values({ accountId, address: demoInboundAddress() });
  await db.insert(smsNumbers).values({ accountId, number: DEMO_SMS_NUMBER, label: "Main line" });
  await db.insert(messengerPages).values({ accountId, pageId: DEMO_MESSENGER_PAGE_ID, name: "Acme Demo page" });
}

import { getDb } from "@/db/client";
import { BotCard } from "@/components/channels/bot-card";
import { EmailCard } from "@/components/channels/email-card";
import { MessengerCard } from "@/components/channels/messenger-card";
import { SmsCard } from "@/components/channels/sms-card";
import { WebChatCard } from "@/components/channels/web-chat-card";
import { RefreshOnEvents } from "@/components/realtime/refresh-on-events";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { listBotApiKeys } from "@/lib/channels/bot/bot-api-keys";
import { channelConfig } from "@/lib/channels/channel-config";
import { emailSettings } from "@/lib/channels/email/email-channel-settings";
import { listMessengerPages } from "@/lib/channels/messenger/messenger-pages";
import { recentChannelChanges } from "@/lib/channels/settings/channel-audit";
import { channelStatus, lastInboundByChannel } from "@/lib/channels/settings/channel-status";
import { webChatSettings, widgetSnippet } from "@/lib/channels/webchat/webchat-settings";
import { listSmsNumbers } from "@/lib/message-channels/sms-numbers";
import { appUrl } from "@/app/app-url";
import { requireActor } from "@/app/(auth)/current-actor";
import * as actions from "./actions";

export const metadata = { title: "Channels" };

export default async function ChannelsPage() {
  const actor = await requireActor();
  if (!can(actor, "channels.manage")) {
    return <EmptyState title="Only admins can set up channels">Ask an admin of your account to connect web chat, email, SMS or Messenger.</EmptyState>;
  }
  const db = await getDb();
  const accountId = actor.accountId;
  const [chat, email, numbers, keys, pages, lastInbound, url, smsChanges, botChanges, messengerChanges] = await Promise.all([
    webChatSettings({ db, actor }),
    emailSettings({ db, actor }),
    listSmsNumbers({ db, accountId }),
    listBotApiKeys({ db, actor }),
    listMessengerPages({ db, actor }),
    lastInboundByChannel({ db, accountId }),
    appUrl(),
    recentChannelChanges({ db, accountId, channel: "sms" }),
    recentChannelChanges({ db, accountId, channel: "bot" }),
    recentChannelChanges({ db, accountId, channel: "messenger" }),
  ]);
  const config = channelConfig();
  const lastBotUse = keys.map((k) => k.lastUsedAt).filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
  return (
    <div className="space-y-6">
      <RefreshOnEvents types={["channels.changed"]} />
      <div>
        <h2 className="text-xl font-semibold">Channels</h2>
        <p className="mt-1 text-sm text-slate-600">Connect the places your customers write from. Every message lands in the one inbox.</p>
      </div>
      <WebChatCard
        widget={chat.widget}
        snippet={widgetSnippet(url, chat.widget.widgetKey)}
        status={channelStatus({ ready: chat.widget.enabled, lastInbound: lastInbound.chat, idle: "On · no visitor has written yet" })}
        changes={chat.changes}
        actions={{
          setEnabled: actions.setWebChatEnabledAction,
          rotate: actions.rotateWidgetKeyAction,
          setOrigins: actions.setWidgetOriginsAction,
          setAppearance: actions.setWidgetAppearanceAction,
        }}
      />
      <EmailCard
        settings={email}
        webhookUrl={`${url}/api/webhooks/email`}
        webhookSecret={config.emailWebhookSecret}
        status={channelStatus({ ready: !!email.address, lastInbound: lastInbound.email, idle: "Connected · no mail received yet" })}
        changes={email.changes}
        actions={{ setSlug: actions.setInboundSlugAction, setSender: actions.setEmailSenderAction, sendTest: actions.sendTestEmailAction }}
      />
      <SmsCard
        numbers={numbers}
        webhookUrl={config.smsWebhookUrl ?? `${url}/api/webhooks/sms`}
        signingToken={config.smsAuthToken}
        status={channelStatus({ ready: numbers.length > 0, lastInbound: lastInbound.sms, idle: "Connected · no text received yet" })}
        changes={smsChanges}
        actions={{ add: actions.addSmsNumberAction, remove: actions.removeSmsNumberAction }}
      />
      <MessengerCard
        pages={pages}
        callbackUrl={`${url}/api/webhooks/messenger`}
        verifyToken={config.messengerVerifyToken}
        status={channelStatus({ ready: pages.length > 0, lastInbound: lastInbound.messenger, idle: "Connected · no message received yet" })}
        changes={messengerChanges}
        actions={{ connect: actions.connectMessengerPageAction, disconnect: actions.disconnectMessengerPageAction }}
      />
      <BotCard
        keys={keys}
        endpoint={`${url}/api/bot/messages`}
        status={keys.length === 0 ? { connected: false, text: "Not set up" } : channelStatus({ ready: true, lastInbound: lastBotUse, idle: "Ready · no key used yet" })}
        changes={botChanges}
        actions={{ create: actions.createBotApiKeyAction, revoke: actions.revokeBotApiKeyAction }}
      />
    </div>
  );
}

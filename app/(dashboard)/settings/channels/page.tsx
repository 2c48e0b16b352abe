import { getDb } from "@/db/client";
import { WebChatCard } from "@/components/channels/web-chat-card";
import { RefreshOnEvents } from "@/components/realtime/refresh-on-events";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/access/permissions";
import { channelStatus, lastInboundByChannel } from "@/lib/channels/settings/channel-status";
import { webChatSettings, widgetSnippet } from "@/lib/channels/webchat/webchat-settings";
import { appUrl } from "@/app/app-url";
import { requireActor } from "@/app/(auth)/current-actor";
import { rotateWidgetKeyAction, setWebChatEnabledAction, setWidgetAppearanceAction, setWidgetOriginsAction } from "./actions";

export const metadata = { title: "Channels" };

export default async function ChannelsPage() {
  const actor = await requireActor();
  if (!can(actor, "channels.manage")) {
    return <EmptyState title="Only admins can set up channels">Ask an admin of your account to connect web chat, email, SMS or Messenger.</EmptyState>;
  }
  const db = await getDb();
  const [chat, lastInbound, url] = await Promise.all([webChatSettings({ db, actor }), lastInboundByChannel({ db, accountId: actor.accountId }), appUrl()]);
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
          setEnabled: setWebChatEnabledAction,
          rotate: rotateWidgetKeyAction,
          setOrigins: setWidgetOriginsAction,
          setAppearance: setWidgetAppearanceAction,
        }}
      />
    </div>
  );
}

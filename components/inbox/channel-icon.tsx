import type { Channel } from "@/lib/message-channels/message-channels";
import { messageChannelLabel } from "@/lib/message-channels/message-channels";

const paths: Record<Channel, string> = {
  chat: "M4 5h16v10H8l-4 4V5z",
  email: "M3 6h18v12H3V6zm0 0l9 7 9-7",
  messenger: "M12 3C7 3 3 6.7 3 11.3c0 2.6 1.3 4.9 3.3 6.4V21l3-1.7c.9.3 1.8.4 2.7.4 5 0 9-3.7 9-8.3S17 3 12 3zm-3 10l3-3 2 2 3-3-3 3-2-2-3 3z",
  sms: "M7 3h10v18H7V3zm3 15h4",
};

export function ChannelIcon({ channel, className = "h-3.5 w-3.5" }: { channel: Channel; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinejoin="round" aria-label={messageChannelLabel[channel]} role="img">
      <title>{messageChannelLabel[channel]}</title>
      <path d={paths[channel]} />
    </svg>
  );
}

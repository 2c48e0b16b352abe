import type { Channel } from "@/lib/message-channels/message-channels";
import { MAX_ATTACHMENTS_PER_MESSAGE } from "./attachment-limits";
import { formatFileSize, MB } from "./file-size";

type OutgoingFile = { fileName: string; contentType: string; sizeBytes: number };

/** What SMS (MMS) carries reliably to every phone: these images, 5 MB in all. */
export const MMS_TYPES = ["image/jpeg", "image/png", "image/gif"] as const;
export const MMS_TOTAL_BYTES = 5 * MB;
/** What mail servers commonly accept for a whole message. */
export const EMAIL_TOTAL_BYTES = 25 * MB;
/** The Messenger Send API's limit per attachment. */
export const MESSENGER_FILE_BYTES = 25 * MB;

/**
 * Why these files cannot go out through this channel, in the agent's words; null when they can
 * (SPEC §5: attachments on every channel, with a clear message where a channel cannot carry one).
 * Client-safe: the composer shows it before sending, and the reply command refuses by it.
 */
export function channelAttachmentRefusal(channel: Channel, files: readonly OutgoingFile[]): string | null {
  if (files.length === 0) return null;
  if (files.length > MAX_ATTACHMENTS_PER_MESSAGE) return `Attach at most ${MAX_ATTACHMENTS_PER_MESSAGE} files to one message.`;
  const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  switch (channel) {
    case "chat":
      return null;
    case "email":
      return total > EMAIL_TOTAL_BYTES
        ? `Email attachments can total ${formatFileSize(EMAIL_TOTAL_BYTES)}; these are ${formatFileSize(total)}. Send fewer files, or send them by web chat.`
        : null;
    case "messenger": {
      const big = files.find((f) => f.sizeBytes > MESSENGER_FILE_BYTES);
      return big ? `Messenger takes files up to ${formatFileSize(MESSENGER_FILE_BYTES)}; “${big.fileName}” is ${formatFileSize(big.sizeBytes)}.` : null;
    }
    case "sms": {
      const other = files.find((f) => !(MMS_TYPES as readonly string[]).includes(f.contentType));
      if (other) return `SMS can carry only JPEG, PNG or GIF images; “${other.fileName}” can't go by text. Send it by email or web chat instead.`;
      return total > MMS_TOTAL_BYTES ? `Images sent by SMS can total ${formatFileSize(MMS_TOTAL_BYTES)}; these are ${formatFileSize(total)}.` : null;
    }
    default:
      return null;
  }
}

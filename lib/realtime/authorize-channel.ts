import type Pusher from "pusher";
import { can, type Actor } from "@/lib/access/permissions";
import { isValidChannelName } from "./local-server/channel-names";
import { visitorPresenceChannel } from "./realtime-channel-names";

/** A web-chat visitor, known only by a verified visitor token bound to one conversation. */
export type VisitorPrincipal = { kind: "visitor"; accountId: string; conversationId: string; visitorId: string };

export type RealtimePrincipal = Actor | VisitorPrincipal | null;

export type ChannelAuthorization =
  | { ok: true; auth: { auth: string; channel_data?: string } }
  | { ok: false; status: 400 | 403; error: string };

const SOCKET_ID = /^\d+\.\d+$/;
const refused: ChannelAuthorization = { ok: false, status: 403, error: "You may not subscribe to this channel." };

const isVisitor = (p: RealtimePrincipal): p is VisitorPrincipal => !!p && "kind" in p && p.kind === "visitor";

/**
 * Decides who may subscribe to which channel (SPEC §2, DESIGN "Realtime") and signs the grant:
 * - private-account-{id} / presence-account-{id}: users of that account who can view the inbox;
 * - private-admins-{id}: admins of that account at any access level (settings events only);
 * - private-user-{id}: that user only, if they may receive notifications or view the inbox;
 * - private-visitor-{conversationId} / presence-visitor-{accountId}-{conversationId}: only that conversation's visitor;
 * - presence-conversation-{conversationId}: users of the conversation's account who can view the
 *   inbox (`conversationAccountId`, looked up by the caller), and that conversation's visitor.
 * Everything else (public, encrypted, unknown, other accounts) is refused.
 */
export function authorizeChannel({
  actor,
  socketId,
  channelName,
  pusher,
  userInfo,
  conversationAccountId = null,
}: {
  actor: RealtimePrincipal;
  socketId: unknown;
  channelName: unknown;
  pusher: Pick<Pusher, "authorizeChannel">;
  /** Shown to other members of a presence channel (e.g. the user's display name). */
  userInfo?: Record<string, unknown>;
  /** For presence-conversation-{id}: the account that conversation belongs to (null: none found). */
  conversationAccountId?: string | null;
}): ChannelAuthorization {
  if (typeof socketId !== "string" || !SOCKET_ID.test(socketId) || !isValidChannelName(channelName)) {
    return { ok: false, status: 400, error: "socket_id and channel_name are required." };
  }
  const grant = (presenceUserId?: string, info = userInfo): ChannelAuthorization => ({
    ok: true,
    auth: presenceUserId
      ? pusher.authorizeChannel(socketId, channelName, { user_id: presenceUserId, user_info: info ?? {} })
      : pusher.authorizeChannel(socketId, channelName),
  });
  const target = (prefix: string) => (channelName.startsWith(prefix) ? channelName.slice(prefix.length) : null);

  if (isVisitor(actor)) {
    if (target("private-visitor-") === actor.conversationId) return grant();
    if (channelName === visitorPresenceChannel(actor.accountId, actor.conversationId)) return grant(`visitor-${actor.visitorId}`);
    if (target("presence-conversation-") === actor.conversationId) return grant(`visitor-${actor.visitorId}`, { kind: "visitor" });
    return refused;
  }
  if (!actor) return refused;

  const account = target("private-account-");
  if (account !== null) return account === actor.accountId && can(actor, "inbox.view") ? grant() : refused;
  const admins = target("private-admins-");
  if (admins !== null) return admins === actor.accountId && can(actor, "settings.receiveEvents") ? grant() : refused;
  const presenceAccount = target("presence-account-");
  if (presenceAccount !== null) {
    return presenceAccount === actor.accountId && can(actor, "inbox.view") ? grant(actor.userId) : refused;
  }
  const conversation = target("presence-conversation-");
  if (conversation !== null) {
    return conversationAccountId !== null && conversationAccountId === actor.accountId && can(actor, "inbox.view") ? grant(actor.userId) : refused;
  }
  const user = target("private-user-");
  if (user !== null) {
    return user === actor.userId && (can(actor, "notifications.receive") || can(actor, "inbox.view")) ? grant() : refused;
  }
  return refused;
}

import { isPresenceChannel } from "./channel-names";

export type Subscriber = {
  socketId: string;
  /** A serialized text frame; a Buffer when the same frame goes to many sockets (UTF-8 encoded once). */
  send(message: string | Buffer): void;
};

export type PresenceMember = { userId: string; userInfo: unknown };

type Channel = {
  subscribers: Map<string, { subscriber: Subscriber; member: PresenceMember | null }>;
  /** Presence only: one entry per user, however many sockets they have open. */
  members: Map<string, { userInfo: unknown; sockets: number }>;
};

export type ChannelLifecycle = {
  occupied(channel: string): void;
  vacated(channel: string): void;
  memberAdded(channel: string, userId: string): void;
  memberRemoved(channel: string, userId: string): void;
};

const message = (event: string, channel: string, data: unknown) =>
  JSON.stringify({ event, channel, data: JSON.stringify(data) });

/** Who is subscribed to which channel, and presence membership; the server's only state. */
export class ChannelRegistry {
  private channels = new Map<string, Channel>();

  constructor(private lifecycle: ChannelLifecycle) {}

  isSubscribed(channel: string, socketId: string) {
    return this.channels.get(channel)?.subscribers.has(socketId) ?? false;
  }

  /** Adds the subscriber, sends subscription_succeeded to it and member_added to the others. */
  subscribe(channel: string, subscriber: Subscriber, member: PresenceMember | null) {
    let state = this.channels.get(channel);
    const firstSubscriber = !state;
    if (!state) {
      state = { subscribers: new Map(), members: new Map() };
      this.channels.set(channel, state);
    }
    const previous = state.subscribers.get(subscriber.socketId);
    if (previous) this.removeMember(channel, state, previous.member, subscriber.socketId);
    state.subscribers.set(subscriber.socketId, { subscriber, member });
    if (firstSubscriber) this.lifecycle.occupied(channel);

    if (!isPresenceChannel(channel) || !member) {
      subscriber.send(message("pusher_internal:subscription_succeeded", channel, {}));
      return;
    }
    const existing = state.members.get(member.userId);
    if (existing) {
      existing.sockets += 1;
      existing.userInfo = member.userInfo;
    } else {
      state.members.set(member.userId, { userInfo: member.userInfo, sockets: 1 });
    }
    const hash: Record<string, unknown> = {};
    for (const [userId, m] of state.members) hash[userId] = m.userInfo ?? null;
    subscriber.send(
      message("pusher_internal:subscription_succeeded", channel, {
        presence: { ids: Object.keys(hash), hash, count: state.members.size },
      }),
    );
    if (!existing) {
      this.broadcast(
        channel,
        message("pusher_internal:member_added", channel, { user_id: member.userId, user_info: member.userInfo }),
        subscriber.socketId,
      );
      this.lifecycle.memberAdded(channel, member.userId);
    }
  }

  unsubscribe(channel: string, socketId: string) {
    const state = this.channels.get(channel);
    const entry = state?.subscribers.get(socketId);
    if (!state || !entry) return;
    state.subscribers.delete(socketId);
    this.removeMember(channel, state, entry.member, socketId);
    if (state.subscribers.size === 0) {
      this.channels.delete(channel);
      this.lifecycle.vacated(channel);
    }
  }

  private removeMember(channel: string, state: Channel, member: PresenceMember | null, socketId: string) {
    if (!member) return;
    const m = state.members.get(member.userId);
    if (!m) return;
    m.sockets -= 1;
    if (m.sockets > 0) return;
    state.members.delete(member.userId);
    this.broadcast(channel, message("pusher_internal:member_removed", channel, { user_id: member.userId }), socketId);
    this.lifecycle.memberRemoved(channel, member.userId);
  }

  /** Sends an already-serialized message to every subscriber but `exceptSocketId`. */
  broadcast(channel: string, serialized: string, exceptSocketId?: string) {
    const state = this.channels.get(channel);
    if (!state) return;
    // Encoded to UTF-8 once for the whole channel, not once per socket.
    const frame = state.subscribers.size > 1 ? Buffer.from(serialized) : serialized;
    for (const [socketId, { subscriber }] of state.subscribers) {
      if (socketId !== exceptSocketId) subscriber.send(frame);
    }
  }

  memberOf(channel: string, socketId: string) {
    return this.channels.get(channel)?.subscribers.get(socketId)?.member ?? null;
  }

  subscriptionCount(channel: string) {
    return this.channels.get(channel)?.subscribers.size ?? 0;
  }

  userIds(channel: string) {
    return [...(this.channels.get(channel)?.members.keys() ?? [])];
  }

  occupiedChannels(prefix = "") {
    return [...this.channels.keys()].filter((name) => name.startsWith(prefix));
  }
}

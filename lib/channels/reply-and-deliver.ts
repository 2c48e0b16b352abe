import { afterCommit } from "@/lib/command";
import { reply } from "@/lib/inbox/reply";
import { deliverOutbound } from "./delivery/deliver-outbound";

/**
 * "Send" (SPEC §4): the reply is committed, then sent through its channel. The message is
 * stored whatever the provider says; its delivery row records the outcome.
 */
export const replyAndDeliver = afterCommit(reply, async (sent, { db, actor }) => ({
  ...sent,
  delivery: await deliverOutbound({ db, accountId: actor.accountId, messageId: sent.messageId, smsFrom: sent.smsFrom }),
}));

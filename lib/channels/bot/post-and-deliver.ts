import type { z } from "zod";
import type { Db } from "@/db/database";
import { postBotMessage, type botMessageInput } from "@/lib/inbox/post-bot-message";
import { ok } from "@/lib/result";
import { deliverOutbound } from "../delivery/deliver-outbound";

/** Automation's message (SPEC §7): committed, then sent through its channel like an agent's reply. */
export async function postBotMessageAndDeliver({ db, input }: { db: Db; input: z.input<typeof botMessageInput> }) {
  const result = await postBotMessage({ db, input });
  if (!result.ok) return result;
  const delivery = await deliverOutbound({ db, accountId: input.accountId, messageId: result.value.messageId });
  return ok({ messageId: result.value.messageId, delivery });
}

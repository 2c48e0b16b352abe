import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/database";
import { contacts } from "@/db/schema";
import type { Channel } from "@/lib/message-channels/message-channels";
import { failField, ok, type Result } from "@/lib/result";
import { reachableAddresses } from "./contact-addresses";

export const NOT_THE_CONTACTS_ADDRESS = "Pick one of the contact's addresses.";

/**
 * The composer's recipient (issue 16): for email and SMS, one of the contact's addresses. Returns
 * the address to store on the message, or null for the contact's main one (or a channel without
 * a choice); anything else is refused.
 */
export async function pickedRecipient({
  tx,
  accountId,
  contactId,
  channel,
  to,
}: {
  tx: Db;
  accountId: string;
  contactId: string | null;
  channel: Channel;
  to: string | null | undefined;
}): Promise<Result<string | null>> {
  if (!to || (channel !== "email" && channel !== "sms")) return ok(null);
  const [contact] = contactId
    ? await tx
        .select({ id: contacts.id, email: contacts.email, phone: contacts.phone })
        .from(contacts)
        .where(and(eq(contacts.id, contactId), eq(contacts.accountId, accountId)))
    : [];
  if (!contact) return failField("to", NOT_THE_CONTACTS_ADDRESS);
  const reach = await reachableAddresses({ db: tx, accountId, contact });
  const list = channel === "email" ? reach.emails : reach.phones;
  const wanted = channel === "email" ? to.toLowerCase() : to;
  if (!list.includes(wanted)) return failField("to", NOT_THE_CONTACTS_ADDRESS);
  return ok(wanted === list[0] ? null : wanted);
}

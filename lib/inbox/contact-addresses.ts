import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/database";
import { contactAddresses, contacts } from "@/db/schema";
import { defineCommand } from "@/lib/command";
import { fail, failField, isUniqueViolation, ok, type Result } from "@/lib/result";
import { contactChanged } from "@/lib/realtime/events";
import { inboxWritable } from "./writable-inbox";

export const addressKinds = ["email", "phone"] as const;
export type AddressKind = (typeof addressKinds)[number];

const emailValue = z.string().trim().toLowerCase().email("Enter a valid email address.").max(320);
const phoneValue = z.string().trim().regex(/^\+?[0-9 ()-]{5,30}$/, "Enter a phone number such as +1 555 0100.");

export const addAddressInput = z
  .object({
    contactId: z.string().uuid("Contact not found."),
    kind: z.enum(addressKinds, { error: "Pick email or phone." }),
    value: z.string().trim().min(1, "Enter an email address or a phone number.").max(320),
  })
  .transform((input, ctx) => {
    const parsed = (input.kind === "email" ? emailValue : phoneValue).safeParse(input.value);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", path: ["value"], message: parsed.error.issues[0].message });
      return z.NEVER;
    }
    return { ...input, value: parsed.data };
  });

export const removeAddressInput = z.object({
  contactId: z.string().uuid("Contact not found."),
  addressId: z.string().uuid("Address not found."),
});

export type ContactReachAddresses = { emails: string[]; phones: string[] };

/** A contact's addresses, main one first (contacts.email / phone), then the others as added. */
export async function addressesOf({ db, accountId, contactIds }: { db: Db; accountId: string; contactIds: string[] }) {
  const rows = contactIds.length
    ? await db
        .select({ id: contactAddresses.id, contactId: contactAddresses.contactId, kind: contactAddresses.kind, value: contactAddresses.value })
        .from(contactAddresses)
        .where(and(eq(contactAddresses.accountId, accountId), inArray(contactAddresses.contactId, contactIds), isNull(contactAddresses.removedAt)))
        .orderBy(asc(contactAddresses.createdAt), asc(contactAddresses.id))
    : [];
  const byContact = new Map<string, { id: string; kind: AddressKind; value: string }[]>();
  for (const r of rows) byContact.set(r.contactId, [...(byContact.get(r.contactId) ?? []), r]);
  return byContact;
}

/** Every address a reply may go to, for one contact: main first. */
export async function reachableAddresses({ db, accountId, contact }: { db: Db; accountId: string; contact: { id: string; email: string | null; phone: string | null } }): Promise<ContactReachAddresses> {
  const extra = (await addressesOf({ db, accountId, contactIds: [contact.id] })).get(contact.id) ?? [];
  return {
    emails: [...(contact.email ? [contact.email] : []), ...extra.filter((a) => a.kind === "email").map((a) => a.value)],
    phones: [...(contact.phone ? [contact.phone] : []), ...extra.filter((a) => a.kind === "phone").map((a) => a.value)],
  };
}

const TAKEN = { email: "Another contact already has this email address.", phone: "Another contact already has this phone number." };

/**
 * Another email or phone number for a contact (issue 16, SPEC seed 003): inbound mail and texts from
 * it reach the same contact, and the composer can send to it. Without a main address it becomes
 * the main one. An address names at most one contact of the account.
 */
export const addContactAddress = defineCommand({
  permission: "contacts.edit",
  input: addAddressInput,
  guards: [inboxWritable],
  async run({ tx, actor, input: { contactId, kind, value }, emit }): Promise<Result<{ main: boolean }>> {
    const [contact] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.accountId, actor.accountId)))
      .for("no key update");
    if (!contact) return fail("Contact not found.");
    const column = kind === "email" ? contacts.email : contacts.phone;
    const [owner] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.accountId, actor.accountId), eq(column, value)));
    if (owner) return failField("value", owner.id === contactId ? "This contact already has it." : TAKEN[kind]);
    const main = (kind === "email" ? contact.email : contact.phone) === null;
    if (main) {
      await tx
        .update(contacts)
        // An address the agent adds is vouched for by the agent (as in "Edit contact").
        .set(kind === "email" ? { email: value, emailVerified: true, updatedAt: new Date() } : { phone: value, updatedAt: new Date() })
        .where(eq(contacts.id, contactId));
    } else {
      await tx.insert(contactAddresses).values({ accountId: actor.accountId, contactId, kind, value });
    }
    emit(contactChanged(actor.accountId, contactId));
    return ok({ main });
  },
  rescue(error) {
    if (isUniqueViolation(error, "contact_addresses_value_unique")) return failField("value", "Another contact already has this address.");
    if (isUniqueViolation(error, "contacts_account_email_unique")) return failField("value", TAKEN.email);
    if (isUniqueViolation(error, "contacts_account_phone_unique")) return failField("value", TAKEN.phone);
  },
});

/** Removes one of a contact's other addresses (the main one is changed in "Edit contact"). */
export const removeContactAddress = defineCommand({
  permission: "contacts.edit",
  input: removeAddressInput,
  guards: [inboxWritable],
  async run({ tx, actor, input: { contactId, addressId }, emit }): Promise<Result<{ removed: boolean }>> {
    // Nothing in the inbox is hard-deleted: the address is stamped removed (it may be added again).
    const removed = await tx
      .update(contactAddresses)
      .set({ removedAt: new Date() })
      .where(
        and(
          eq(contactAddresses.id, addressId),
          eq(contactAddresses.contactId, contactId),
          eq(contactAddresses.accountId, actor.accountId),
          isNull(contactAddresses.removedAt),
        ),
      )
      .returning({ id: contactAddresses.id });
    if (!removed.length) return fail("Address not found.");
    emit(contactChanged(actor.accountId, contactId));
    return ok({ removed: true });
  },
});

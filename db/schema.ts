import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------------------
// Accounts, users, groups (SPEC §1)
// ---------------------------------------------------------------------------

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Last realtime event number handed out for this account (see `events`). */
  lastEventSeq: bigint("last_event_seq", { mode: "number" }).notNull().default(0),
  /** IANA zone in which the account's days and hours are reckoned (analytics periods, hour of day). */
  timeZone: text("time_zone").notNull().default("UTC"),
  createdAt: createdAt(),
});

export const accessLevel = pgEnum("access_level", ["none", "viewer", "agent"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    isPrimaryAdmin: boolean("is_primary_admin").notNull().default(false),
    accessLevel: accessLevel("access_level").notNull().default("none"),
    // Carried in the session token; bumping it ends every session of the user (lib/accounts/sessions.ts).
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    // A user belongs to exactly one account, so an email signs in to one account.
    uniqueIndex("users_email_unique").on(t.email),
    index("users_account_idx").on(t.accountId),
    // At most one primary admin per account; sign-up creates exactly one.
    uniqueIndex("users_one_primary_admin_per_account")
      .on(t.accountId)
      .where(sql`${t.isPrimaryAdmin}`),
  ],
);

export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    isAdminGroup: boolean("is_admin_group").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("groups_account_name_unique").on(t.accountId, t.name),
    uniqueIndex("groups_one_admin_group_per_account")
      .on(t.accountId)
      .where(sql`${t.isAdminGroup}`),
  ],
);

export const groupMembers = pgTable(
  "group_members",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);

/** A sign-up waiting for its address to be confirmed by the mailed link (issue 12, decision 0060). */
export const pendingSignUps = pgTable(
  "pending_sign_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    accountName: text("account_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("pending_sign_ups_token_hash_unique").on(t.tokenHash), index("pending_sign_ups_email_idx").on(t.email)],
);

export const invites = pgTable(
  "invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    asAdmin: boolean("as_admin").notNull().default(false),
    invitedById: uuid("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invites_token_hash_unique").on(t.tokenHash), index("invites_account_idx").on(t.accountId)],
);

// ---------------------------------------------------------------------------
// Infrastructure
// ---------------------------------------------------------------------------

/** Fixed-window counters shared by every app instance (sign-in, public endpoints). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

/**
 * The local mail mailbox: mail written here instead of sent when no SMTP_URL is configured.
 * The three `*_outbox` tables (this one, `messenger_outbox`, `sms_outbox`) are the *local
 * mailboxes* standing in for the providers; they keep their table names, and have nothing to do
 * with the event outbox (`events`) that realtime publishes from.
 */
export const mailLocalMailbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    message: jsonb("message").notNull(),
    /** The rendered MIME message in file storage, kept when the mail has attachments (admins download it as .eml). */
    rawKey: text("raw_key"),
    createdAt: createdAt(),
  },
  (t) => [index("mail_outbox_account_idx").on(t.accountId, t.createdAt)],
);

// ---------------------------------------------------------------------------
// Seats (SPEC §2–§3): capacity = purchased + included (+ trial seats while a trial runs).
// The row is locked (SELECT … FOR UPDATE) by every command that changes seats or levels.
// ---------------------------------------------------------------------------

export const accountSeats = pgTable("account_seats", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  purchased: integer("purchased").notNull().default(0),
  included: integer("included").notNull().default(0),
  /** Seats usable while a trial runs (until trial_ends_at); no trial when null. */
  trialSeats: integer("trial_seats").notNull().default(0),
  trialEndsAt: timestamp("trial_ends_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------
// The event outbox (realtime): written in the same transaction as the change it describes.
// `seq` is per account and handed out under the account row's lock, so events of one
// account commit in `seq` order and a client can resume "after the last seq it saw".
// ---------------------------------------------------------------------------

export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    channel: text("channel").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: createdAt(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("events_account_seq_unique").on(t.accountId, t.seq),
    index("events_unpublished_idx").on(t.id).where(sql`${t.publishedAt} IS NULL`),
    // The head a "No access" admin may see: the last event on the admins' channel (lib/realtime/catch-up.ts).
    index("events_account_channel_seq_idx").on(t.accountId, t.channel, t.seq),
  ],
);

// ---------------------------------------------------------------------------
// Roles (SPEC §2): every access-level change, written in the same transaction as the change.
// ---------------------------------------------------------------------------

export const roleChanges = pgTable(
  "role_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** Null once the acting admin's user is deleted; the change itself stays on record. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromLevel: accessLevel("from_level").notNull(),
    toLevel: accessLevel("to_level").notNull(),
    // clock_timestamp(), not now(): written under the seat lock, so newest-first is the order changes were made.
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index("role_changes_account_created_idx").on(t.accountId, t.createdAt)],
);

// ---------------------------------------------------------------------------
// Billing (SPEC §3). Stripe (or the local provider standing in for it) is the source of truth;
// these rows are settled from its events. `account_seats.purchased` follows the subscription's
// settled quantity and is written only by lib/billing/settlement.ts, under lockSeats.
// ---------------------------------------------------------------------------

export const billingCycle = pgEnum("billing_cycle", ["month", "year"]);
export const billingProvider = pgEnum("billing_provider", ["local", "stripe"]);

/** One per account: its customer and subscription at the provider, as last read from it. */
export const billingAccounts = pgTable("billing_accounts", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  provider: billingProvider("provider").notNull(),
  customerId: text("customer_id").notNull().unique(),
  subscriptionId: text("subscription_id").unique(),
  billingCycle: billingCycle("billing_cycle").notNull().default("month"),
  /** Stripe's billing_cycle_anchor: periods start on this instant's day. */
  cycleAnchor: timestamp("cycle_anchor", { withTimezone: true }),
  currentPeriodStart: timestamp("current_period_start", { withTimezone: true }),
  currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
  /** Stripe subscription status (active, past_due, canceled, …); null before the first purchase. */
  status: text("status"),
  /** Seats the subscription bills for, as settled (a pending, unpaid update is not counted). */
  quantity: integer("quantity").notNull().default(0),
  /** Quantity of a pending (unpaid) update, if any. */
  pendingQuantity: integer("pending_quantity"),
  /**
   * Seats usable now and billed from the next renewal, when lower than `quantity` (seats removed
   * this period). `quantity` stays the paid-through quantity until the period ends: adding seats
   * back up to it costs nothing (decision 0028).
   */
  renewalQuantity: integer("renewal_quantity"),
  /** When the subscription became past due (a renewal payment failed); null otherwise. */
  pastDueSince: timestamp("past_due_since", { withTimezone: true }),
  /** When the subscription state was last read from the provider and applied. */
  syncedAt: timestamp("synced_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export const billingInvoices = pgTable(
  "billing_invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    providerInvoiceId: text("provider_invoice_id").notNull().unique(),
    subscriptionId: text("subscription_id"),
    number: text("number"),
    /** draft | open | paid | void | uncollectible — only ever moves forward (see settlement). */
    status: text("status").notNull(),
    /** The last payment problem reported: 'failed' or 'action_required'; cleared when paid. */
    paymentIssue: text("payment_issue"),
    amountDue: integer("amount_due").notNull(),
    amountPaid: integer("amount_paid").notNull().default(0),
    currency: text("currency").notNull(),
    billingReason: text("billing_reason"),
    description: text("description"),
    periodStart: timestamp("period_start", { withTimezone: true }),
    periodEnd: timestamp("period_end", { withTimezone: true }),
    hostedInvoiceUrl: text("hosted_invoice_url"),
    /** The invoice's lines as the provider itemised them (proration credit and charge separately). */
    lines: jsonb("lines").$type<Array<{ description: string | null; quantity: number | null; amount: number }>>(),
    /** When the provider created the invoice. */
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    /** The confirmation that produced it (local provider), so a repeated confirmation replays. */
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("billing_invoices_account_idx").on(t.accountId, t.issuedAt),
    uniqueIndex("billing_invoices_idempotency_unique").on(t.accountId, t.idempotencyKey),
  ],
);

/** Every provider event applied, by id: the primary key makes each event take effect at most once. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
  providerCreatedAt: timestamp("provider_created_at", { withTimezone: true }).notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

export const contactSalesRequests = pgTable(
  "contact_sales_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    requestedById: uuid("requested_by_id").references(() => users.id, { onDelete: "set null" }),
    seats: integer("seats").notNull(),
    contactEmail: text("contact_email").notNull(),
    message: text("message").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("contact_sales_requests_account_idx").on(t.accountId, t.createdAt)],
);

/** The local provider's test card; `declines` makes every charge to it fail. */
export const localPaymentMethods = pgTable("local_payment_methods", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  brand: text("brand").notNull().default("visa"),
  last4: text("last4").notNull().default("4242"),
  expMonth: integer("exp_month").notNull().default(12),
  expYear: integer("exp_year").notNull().default(2034),
  declines: boolean("declines").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------
// Inbox (SPEC §4–§6): contacts, conversations, messages (incl. agent-only status messages),
// tags, saved responses, notifications. Nothing here is hard-deleted: tags and saved responses
// are archived/removed with a timestamp.
// ---------------------------------------------------------------------------

export const messageChannel = pgEnum("message_channel", ["chat", "email", "messenger", "sms"]);
export const conversationStatus = pgEnum("conversation_status", ["open", "complete"]);
export const messageKind = pgEnum("message_kind", ["message", "status", "note"]);
export const messageDirection = pgEnum("message_direction", ["in", "out"]);
export const senderKind = pgEnum("sender_kind", ["contact", "agent", "bot", "system"]);
export const statusAction = pgEnum("status_action", ["assigned", "reassigned", "unassigned", "completed", "reopened"]);
export const notificationKind = pgEnum("notification_kind", [
  "new_conversation",
  "new_message",
  "assigned",
  "unassigned",
  "reopened",
  "mention",
]);

/**
 * What contact search matches (name, and email / phone split into words so "c2@example" finds
 * "c2@example.com"). The search query uses this same expression so the GIN index serves it.
 */
export function contactSearchVector(t: { name: AnyPgColumn; email: AnyPgColumn; phone: AnyPgColumn }) {
  return sql`to_tsvector('simple', ${t.name} || ' ' || regexp_replace(coalesce(${t.email}, '') || ' ' || coalesce(${t.phone}, ''), '[^[:alnum:]]+', ' ', 'g'))`;
}

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email"),
    /**
     * False for an address a web-chat visitor typed in and has not yet confirmed by the link
     * mailed to it: mail is still sent there, but mail from it never joins this contact.
     */
    emailVerified: boolean("email_verified").notNull().default(true),
    phone: text("phone"),
    /** Web-chat visitor id kept on the visitor's device. */
    visitorId: text("visitor_id"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Channel adapters match senders by these, so each names at most one contact per account.
    // Only confirmed addresses: a visitor's unconfirmed one must not keep the real owner from getting a contact.
    uniqueIndex("contacts_account_email_unique").on(t.accountId, t.email).where(sql`${t.email} IS NOT NULL AND ${t.emailVerified}`),
    uniqueIndex("contacts_account_phone_unique").on(t.accountId, t.phone).where(sql`${t.phone} IS NOT NULL`),
    uniqueIndex("contacts_account_visitor_unique").on(t.accountId, t.visitorId).where(sql`${t.visitorId} IS NOT NULL`),
    index("contacts_account_name_idx").on(t.accountId, t.name),
    index("contacts_search_idx").using("gin", contactSearchVector(t)),
  ],
);

export const contactAddressKind = pgEnum("contact_address_kind", ["email", "phone"]);

/**
 * A contact's other email addresses and phone numbers (the main ones are contacts.email / phone).
 * Inbound mail and texts from them reach the contact; the composer can send to them. Removing one
 * stamps removed_at.
 */
export const contactAddresses = pgTable(
  "contact_addresses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    kind: contactAddressKind("kind").notNull(),
    value: text("value").notNull(),
    createdAt: createdAt(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("contact_addresses_value_unique").on(t.accountId, t.kind, t.value).where(sql`${t.removedAt} IS NULL`),
    index("contact_addresses_contact_idx").on(t.contactId),
  ],
);

/** Hands out per-account conversation display numbers (row-locked by the upsert). */
export const conversationCounters = pgTable("conversation_counters", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  lastNumber: integer("last_number").notNull().default(0),
});

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    /** Null for Messenger visitors, who get no contact record (SPEC §7). */
    contactId: uuid("contact_id").references(() => contacts.id),
    /** Display name of a sender without a contact record (e.g. a Messenger visitor). */
    externalName: text("external_name"),
    /** Messenger page-scoped id of the sender, when the conversation came through Messenger. */
    messengerPsid: text("messenger_psid"),
    status: conversationStatus("status").notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => users.id),
    /** A group the conversation is assigned to (no individual owner yet): its members are notified; the first to reply takes it. */
    assignedGroupId: uuid("assigned_group_id").references(() => groups.id, { onDelete: "set null" }),
    /** Channels this conversation has used, in order of first use. */
    channels: messageChannel("channels").array().notNull().default(sql`'{}'::message_channel[]`),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    lastMessagePreview: text("last_message_preview").notNull().default(""),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    lastInboundChannel: messageChannel("last_inbound_channel"),
    /** Shared read state: set by an inbound message, cleared when any agent opens it. */
    unread: boolean("unread").notNull().default(true),
    lastReadAt: timestamp("last_read_at", { withTimezone: true }),
    lastReadById: uuid("last_read_by_id").references(() => users.id),
    /** Web-chat visitor presence, maintained by the web-chat channel. */
    visitorOnline: boolean("visitor_online").notNull().default(false),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("conversations_account_number_unique").on(t.accountId, t.number),
    // Keyset pages of the left pane: (last_message_at, id) descending within a filter.
    index("conversations_inbox_idx").on(t.accountId, t.status, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_assignee_idx").on(t.accountId, t.status, t.assigneeId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The "Groups" filter's conversations assigned to a group (no individual owner yet).
    index("conversations_group_idx")
      .on(t.accountId, t.status, t.assignedGroupId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.assignedGroupId} IS NOT NULL`),
    index("conversations_contact_idx").on(t.contactId),
    index("conversations_messenger_idx").on(t.accountId, t.messengerPsid).where(sql`${t.messengerPsid} IS NOT NULL`),
    // Search by the name of a sender without a contact: only those few rows are scanned.
    index("conversations_external_name_idx").on(t.accountId).where(sql`${t.externalName} IS NOT NULL`),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    /**
     * 'status' rows record assignment and completion; only agents ever see them (SPEC §5).
     * 'note' rows are private notes: agents write them, agents and viewers read them; never delivered,
     * never shown to the contact, never counted as replies.
     */
    kind: messageKind("kind").notNull().default("message"),
    direction: messageDirection("direction"),
    channel: messageChannel("channel"),
    senderKind: senderKind("sender_kind").notNull(),
    senderUserId: uuid("sender_user_id").references(() => users.id),
    body: text("body").notNull(),
    /** The channel's own id of the message, for idempotent delivery. */
    externalId: text("external_id"),
    /** The recipient the agent picked among the contact's addresses (email / SMS), when not the main one. */
    toAddress: text("to_address"),
    statusAction: statusAction("status_action"),
    statusFromUserId: uuid("status_from_user_id").references(() => users.id),
    statusToUserId: uuid("status_to_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("messages_external_id_unique").on(t.accountId, t.channel, t.externalId),
    index("messages_conversation_idx").on(t.conversationId, t.id),
    // Analytics: the conversations active in a period, read from the index alone.
    index("messages_account_created_idx").on(t.accountId, t.createdAt, t.conversationId),
    index("messages_body_search_idx")
      .using("gin", sql`to_tsvector('simple', ${t.body})`)
      .where(sql`${t.kind} = 'message'`),
  ],
);

export const tags = pgTable(
  "tags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("tags_account_name_unique").on(t.accountId, sql`lower(${t.name})`)],
);

export const conversationTags = pgTable(
  "conversation_tags",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id),
    addedById: uuid("added_by_id").references(() => users.id),
    createdAt: createdAt(),
    /** Untagging stamps this instead of deleting; tagging again clears it. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.tagId] }),
    index("conversation_tags_tag_idx").on(t.tagId, t.conversationId).where(sql`${t.removedAt} IS NULL`),
  ],
);

export const savedResponseCategories = pgTable(
  "saved_response_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("saved_response_categories_name_unique")
      .on(t.accountId, sql`lower(${t.name})`)
      .where(sql`${t.archivedAt} IS NULL`),
  ],
);

export const savedResponses = pgTable(
  "saved_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => savedResponseCategories.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("saved_responses_account_idx").on(t.accountId, t.categoryId)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    actorId: uuid("actor_id").references(() => users.id),
    /** The message it points at (a mention's note): opening the notification scrolls to it. */
    messageId: bigint("message_id", { mode: "number" }).references(() => messages.id),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("notifications_user_unread_idx").on(t.userId).where(sql`${t.readAt} IS NULL`),
  ],
);

export const notificationSettings = pgTable("notification_settings", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  accountId: uuid("account_id")
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" }),
  desktop: boolean("desktop").notNull().default(false),
  audio: boolean("audio").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------
// Channels (SPEC §7): per-account channel settings, bot API keys, and the local mailboxes
// (tables `messenger_outbox`, `sms_outbox`) that stand in for the Messenger Graph API and the
// SMS provider when they are not configured.
// ---------------------------------------------------------------------------

/** The public key a widget script tag carries to name its account (not a secret). */
export const webchatWidgets = pgTable(
  "webchat_widgets",
  {
    accountId: uuid("account_id")
      .primaryKey()
      .references(() => accounts.id, { onDelete: "cascade" }),
    widgetKey: text("widget_key").notNull(),
    /** Off: the widget hides itself and every /api/widget/* endpoint answers 404 for this key. */
    enabled: boolean("enabled").notNull().default(true),
    /** Website origins (scheme://host[:port]) the widget may run on; empty = any. */
    allowedOrigins: text("allowed_origins").array().notNull().default(sql`'{}'::text[]`),
    title: text("title").notNull().default("Chat with us"),
    greeting: text("greeting").notNull().default("Hi! How can we help?"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("webchat_widgets_key_unique").on(t.widgetKey)],
);

/** An account's email channel: the inbound slug (<slug>@INBOUND_EMAIL_DOMAIN) and how outbound mail is signed. */
export const emailChannelSettings = pgTable(
  "email_channel_settings",
  {
    accountId: uuid("account_id")
      .primaryKey()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** Lower-case; its address is also a row of `email_inboxes`, which is what inbound mail is matched by. */
    inboundSlug: text("inbound_slug"),
    fromName: text("from_name").notNull().default(""),
    replyTo: text("reply_to").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("email_channel_settings_slug_unique").on(t.inboundSlug)],
);

/** Who changed which channel's configuration, when, and what (shown on the Settings → Channels cards). */
export const channelConfigChanges = pgTable(
  "channel_config_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** chat | email | sms | messenger | bot */
    channel: text("channel").notNull(),
    /** What changed, in words (never a secret). */
    summary: text("summary").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index("channel_config_changes_account_idx").on(t.accountId, t.channel, t.createdAt)],
);

/** Addresses whose inbound mail lands in an account's inbox (stored lower-case). */
export const emailInboxes = pgTable(
  "email_inboxes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_inboxes_address_unique").on(t.address), index("email_inboxes_account_idx").on(t.accountId)],
);

/** A Facebook page connected to an account; inbound events name it as recipient.id. */
export const messengerPages = pgTable(
  "messenger_pages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    pageId: text("page_id").notNull(),
    name: text("name").notNull(),
    /** Page access token for the Graph API send call; null when only the local mailbox is used. */
    pageAccessToken: text("page_access_token"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("messenger_pages_page_unique").on(t.pageId), index("messenger_pages_account_idx").on(t.accountId)],
);

/** The account's SMS sending numbers (E.164); inbound texts name one as `To`. */
export const smsNumbers = pgTable(
  "sms_numbers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    number: text("number").notNull(),
    label: text("label").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sms_numbers_number_unique").on(t.number), index("sms_numbers_account_idx").on(t.accountId)],
);

/** Keys for the bot API; only a SHA-256 hash is kept, the key is shown once. */
export const botApiKeys = pgTable(
  "bot_api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull(),
    /** The key's last 4 characters: all that is shown of it after creation. */
    last4: text("last4").notNull().default(""),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("bot_api_keys_hash_unique").on(t.keyHash), index("bot_api_keys_account_idx").on(t.accountId)],
);

/** The local Messenger mailbox: sends recorded here instead of calling the Graph API when it is not configured. */
export const messengerLocalMailbox = pgTable(
  "messenger_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    pageId: text("page_id").notNull(),
    recipientPsid: text("recipient_psid").notNull(),
    text: text("text").notNull(),
    /** The request body the Graph API would have received. */
    request: jsonb("request").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("messenger_outbox_account_idx").on(t.accountId, t.createdAt)],
);

/** The local SMS mailbox: texts recorded here instead of calling the SMS provider when it is not configured. */
export const smsLocalMailbox = pgTable(
  "sms_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    from: text("from").notNull(),
    to: text("to").notNull(),
    body: text("body").notNull(),
    /** MMS media the provider would have fetched: [{ fileName, contentType, url }]. */
    media: jsonb("media").notNull().default(sql`'[]'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index("sms_outbox_account_idx").on(t.accountId, t.createdAt)],
);

export const deliveryStatus = pgEnum("delivery_status", ["pending", "sent", "failed"]);

/**
 * One row per outbound message that leaves through a channel (SPEC §7): written before the
 * provider call and settled after it, so a failed or interrupted send is never lost silently.
 * `providerMessageId` is the email Message-ID (for threading), the Graph API or SMS provider id.
 */
export const messageDeliveries = pgTable(
  "message_deliveries",
  {
    messageId: bigint("message_id", { mode: "number" })
      .primaryKey()
      .references(() => messages.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    channel: messageChannel("channel").notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** The sending address or number (the agent's SMS pick, the email From). */
    fromAddress: text("from_address"),
    toAddress: text("to_address"),
    providerMessageId: text("provider_message_id"),
    lastError: text("last_error"),
    /**
     * Sent with every attempt where the provider honours one (the email's Message-ID, the SMS API's
     * Idempotency-Key, the local mailboxes' row ids), so a retry after a lost answer never sends twice.
     * A new one is drawn when an agent retries a failed delivery.
     */
    idempotencyKey: uuid("idempotency_key").notNull().defaultRandom(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("message_deliveries_conversation_idx").on(t.conversationId),
    index("message_deliveries_provider_idx").on(t.accountId, t.providerMessageId),
    index("message_deliveries_pending_idx").on(t.status).where(sql`${t.status} <> 'sent'`),
  ],
);

/** Channel details of inbound messages: the email's subject, the number an SMS came from and went to. */
export const inboundDetails = pgTable("inbound_details", {
  messageId: bigint("message_id", { mode: "number" })
    .primaryKey()
    .references(() => messages.id),
  accountId: uuid("account_id")
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" }),
  fromAddress: text("from_address"),
  toAddress: text("to_address"),
  subject: text("subject"),
});

/** How far the web-chat visitor has read their conversation: later team messages are unread in the widget. */
export const webchatVisitorReads = pgTable("webchat_visitor_reads", {
  conversationId: uuid("conversation_id")
    .primaryKey()
    .references(() => conversations.id),
  accountId: uuid("account_id")
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" }),
  lastSeenMessageId: bigint("last_seen_message_id", { mode: "number" }).notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------
// Attachments (SPEC §5): files on messages, in and out. The bytes live in file storage
// (lib/files: `.data/files` or S3) under a content-addressed key; this row is what the inbox
// knows of them. An agent's upload has no message until a reply claims it; inbound files are
// written with their message. Nothing is deleted.
// ---------------------------------------------------------------------------

export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** Set with the message; null while an agent's upload waits for its reply. */
    conversationId: uuid("conversation_id").references(() => conversations.id),
    messageId: bigint("message_id", { mode: "number" }).references(() => messages.id),
    /** The agent who uploaded it (composer uploads); null for files that came in through a channel. */
    uploadedById: uuid("uploaded_by_id").references(() => users.id),
    /** The sender's name for the file, cleaned of paths and control characters; never used to decide its type. */
    fileName: text("file_name").notNull(),
    /** Sniffed from the bytes. */
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    /** A small WebP preview, for images. */
    thumbnailKey: text("thumbnail_key"),
    width: integer("width"),
    height: integer("height"),
    /** An email's inline image: its Content-ID (without brackets). */
    contentId: text("content_id"),
    inline: boolean("inline").notNull().default(false),
    /** Its place among its message's files. */
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("attachments_message_idx").on(t.messageId).where(sql`${t.messageId} IS NOT NULL`),
    index("attachments_pending_idx").on(t.accountId, t.uploadedById, t.createdAt).where(sql`${t.messageId} IS NULL`),
  ],
);

// ---------------------------------------------------------------------------
// Automatic assignment (issue 16): per-account settings, each agent's availability, and an
// optional group per channel that automatic assignment is limited to.
// ---------------------------------------------------------------------------

export const assignmentMode = pgEnum("assignment_mode", ["off", "round_robin", "least_open"]);
export const agentAvailability = pgEnum("agent_availability", ["available", "away"]);

/** One per account; its row is locked (FOR UPDATE) while a conversation is assigned automatically. */
export const assignmentSettings = pgTable("assignment_settings", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  mode: assignmentMode("mode").notNull().default("off"),
  /** Open conversations an agent may hold before automatic assignment skips them; null = no cap. */
  maxOpenPerAgent: integer("max_open_per_agent"),
  /** An agent without an open inbox tab for this long counts as away. */
  awayAfterMinutes: integer("away_after_minutes").notNull().default(10),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Each agent's status in the header ("Available" / "Away") and inbox-tab presence. */
export const agentStatuses = pgTable(
  "agent_statuses",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    availability: agentAvailability("availability").notNull().default("available"),
    /** An inbox tab of theirs is open now (realtime presence). */
    online: boolean("online").notNull().default(false),
    /** When their last inbox tab was seen (opened or closed). */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    /** Round-robin order: the longest since their last automatic assignment goes next. */
    lastAutoAssignedAt: timestamp("last_auto_assigned_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("agent_statuses_account_idx").on(t.accountId)],
);

/** Automatic assignment limited to a group's members for conversations that arrive through a channel. */
export const assignmentChannelGroups = pgTable(
  "assignment_channel_groups",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    channel: messageChannel("channel").notNull(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.channel] })],
);

// ---------------------------------------------------------------------------
// Analytics facts (SPEC §8): derived from `messages` by triggers in the same transaction
// (migration perf18_sql), so the report reads a period's cycles and per-bucket counts instead
// of every conversation's history. Never written by application code.
// ---------------------------------------------------------------------------

/** One row per conversation cycle (contact's first message … Complete), as the report defines it. */
export const conversationCycles = pgTable(
  "conversation_cycles",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    cycle: integer("cycle").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }),
    channel: messageChannel("channel"),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    responderId: uuid("responder_id"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    completerId: uuid("completer_id"),
    /** Everyone the cycle was assigned or reassigned to, once each. */
    handlerIds: uuid("handler_ids").array().notNull().default(sql`'{}'`),
    /** Each assignment, with when (parallel arrays), for periods that end before the last one. */
    handledBy: uuid("handled_by").array().notNull().default(sql`'{}'`),
    handledAt: timestamp("handled_at", { withTimezone: true }).array().notNull().default(sql`'{}'`),
    lastHandledAt: timestamp("last_handled_at", { withTimezone: true }),
  },
  // The report's covering indexes (account, instant) INCLUDE (…) are in migration perf18_sql:
  // drizzle-kit cannot declare INCLUDE columns.
  (t) => [primaryKey({ columns: [t.conversationId, t.cycle] })],
);

/** Agents' messages counted per 15-minute bucket, sender and channel (any time zone's hours and days). */
export const agentMessageBuckets = pgTable(
  "agent_message_buckets",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    bucket: timestamp("bucket", { withTimezone: true }).notNull(),
    senderUserId: uuid("sender_user_id"),
    channel: messageChannel("channel"),
    messages: integer("messages").notNull(),
  },
  (t) => [unique("agent_message_buckets_key").on(t.accountId, t.bucket, t.senderUserId, t.channel).nullsNotDistinct()],
);

/**
 * Per-day rollups of the facts (migration perf18a_rollups, decision 0052), kept by triggers on
 * `conversation_cycles` and `agent_message_buckets`: one row per account, local day (in the
 * zone of `analytics_rollup_zones`), agent (null: the whole team), channel and `handled_day`.
 * Hours of the day are counts indexed 0–23; durations are sparse log-bucket tallies (pairs
 * k, count, sorted by k, for values in (1.02^(k-1), 1.02^k] seconds), plus exact zeros.
 * toast_tuple_target = 8160 (migration 0021, decision 0062): busy rows stay uncompressed.
 */
export const analyticsDaily = pgTable(
  "analytics_daily",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    agentId: uuid("agent_id"),
    channel: messageChannel("channel"),
    /** For an agent's received cycles: the day by which the agent had been assigned (else = day). */
    handledDay: date("handled_day").notNull(),
    received: integer("received").notNull().default(0),
    receivedReopened: integer("received_reopened").notNull().default(0),
    receivedHours: integer("received_hours").array().notNull().default(sql`'{}'`),
    responses: integer("responses").notNull().default(0),
    frt: integer("frt").array().notNull().default(sql`'{}'`),
    frtZero: integer("frt_zero").notNull().default(0),
    completed: integer("completed").notNull().default(0),
    ttc: integer("ttc").array().notNull().default(sql`'{}'`),
    ttcZero: integer("ttc_zero").notNull().default(0),
    sent: integer("sent").notNull().default(0),
    sentHours: integer("sent_hours").array().notNull().default(sql`'{}'`),
  },
  (t) => [unique("analytics_daily_key").on(t.accountId, t.day, t.agentId, t.channel, t.handledDay).nullsNotDistinct()],
);

/**
 * The duration tallies of `analytics_daily` merged per local week (Monday first, decision 0062):
 * a long team report reads a row per week for its whole weeks instead of seven. The
 * team's rows keep the channel; an agent's row merges the agent's channels (channel always null).
 * Like analytics_daily, stored with toast_tuple_target = 8160 (migration 0021; not modelled here).
 */
export const analyticsWeeklyTallies = pgTable(
  "analytics_weekly_tallies",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** The Monday the week starts on, in the rollups' zone. */
    week: date("week").notNull(),
    agentId: uuid("agent_id"),
    channel: messageChannel("channel"),
    frt: integer("frt").array().notNull().default(sql`'{}'`),
    frtZero: integer("frt_zero").notNull().default(0),
    ttc: integer("ttc").array().notNull().default(sql`'{}'`),
    ttcZero: integer("ttc_zero").notNull().default(0),
  },
  (t) => [unique("analytics_weekly_tallies_key").on(t.accountId, t.week, t.agentId, t.channel).nullsNotDistinct()],
);

/** The zone an account's rollups are reckoned in (the account's, checked by PostgreSQL; else UTC). */
export const analyticsRollupZones = pgTable("analytics_rollup_zones", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  timeZone: text("time_zone").notNull(),
});

/** Open conversations right now per assignee and channel (the report's "Open now"), kept by a trigger. */
export const analyticsOpenNow = pgTable(
  "analytics_open_now",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    assigneeId: uuid("assignee_id"),
    channel: messageChannel("channel"),
    conversations: integer("conversations").notNull(),
  },
  (t) => [unique("analytics_open_now_key").on(t.accountId, t.assigneeId, t.channel).nullsNotDistinct()],
);

/**
 * Trial reminder mails already queued (issue 14): one per account, trial end and kind, so the
 * scheduled job never mails twice however often it runs or however many instances run it.
 */
export const trialReminders = pgTable(
  "trial_reminders",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    trialEndsAt: timestamp("trial_ends_at", { withTimezone: true }).notNull(),
    /** "ending_soon" (3 days before) or "ended" (at expiry). */
    kind: text("kind").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.trialEndsAt, t.kind] })],
);

import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
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

/** Mail written here instead of sent when no SMTP_URL is configured. */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    message: jsonb("message").notNull(),
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
// Realtime outbox: written in the same transaction as the change it describes.
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
// Channels (SPEC §7): per-account channel settings, bot API keys, and the local outboxes that
// stand in for the Messenger Graph API and the SMS provider when they are not configured.
// ---------------------------------------------------------------------------

/** The public key a widget script tag carries to name its account (not a secret). */
export const webchatWidgets = pgTable(
  "webchat_widgets",
  {
    accountId: uuid("account_id")
      .primaryKey()
      .references(() => accounts.id, { onDelete: "cascade" }),
    widgetKey: text("widget_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("webchat_widgets_key_unique").on(t.widgetKey)],
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
    /** Page access token for the Graph API send call; null when only the local outbox is used. */
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
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("bot_api_keys_hash_unique").on(t.keyHash), index("bot_api_keys_account_idx").on(t.accountId)],
);

/** Messenger sends recorded here instead of calling the Graph API when it is not configured. */
export const messengerOutbox = pgTable(
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

/** Texts recorded here instead of calling the SMS provider when it is not configured. */
export const smsOutbox = pgTable(
  "sms_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    from: text("from").notNull(),
    to: text("to").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sms_outbox_account_idx").on(t.accountId, t.createdAt)],
);

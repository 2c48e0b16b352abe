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

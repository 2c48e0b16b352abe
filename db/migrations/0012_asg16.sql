CREATE TYPE "public"."agent_availability" AS ENUM('available', 'away');--> statement-breakpoint
CREATE TYPE "public"."assignment_mode" AS ENUM('off', 'round_robin', 'least_open');--> statement-breakpoint
ALTER TYPE "public"."message_kind" ADD VALUE 'note';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'mention';--> statement-breakpoint
CREATE TABLE "agent_statuses" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"availability" "agent_availability" DEFAULT 'available' NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"last_seen_at" timestamp with time zone,
	"last_auto_assigned_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignment_channel_groups" (
	"account_id" uuid NOT NULL,
	"channel" "message_channel" NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "assignment_channel_groups_account_id_channel_pk" PRIMARY KEY("account_id","channel")
);
--> statement-breakpoint
CREATE TABLE "assignment_settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"mode" "assignment_mode" DEFAULT 'off' NOT NULL,
	"max_open_per_agent" integer,
	"away_after_minutes" integer DEFAULT 10 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "assigned_group_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "message_id" bigint;--> statement-breakpoint
ALTER TABLE "agent_statuses" ADD CONSTRAINT "agent_statuses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_statuses" ADD CONSTRAINT "agent_statuses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_channel_groups" ADD CONSTRAINT "assignment_channel_groups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_channel_groups" ADD CONSTRAINT "assignment_channel_groups_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_settings" ADD CONSTRAINT "assignment_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_statuses_account_idx" ON "agent_statuses" USING btree ("account_id");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_assigned_group_id_groups_id_fk" FOREIGN KEY ("assigned_group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_group_idx" ON "conversations" USING btree ("account_id","status","assigned_group_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."assigned_group_id" IS NOT NULL;
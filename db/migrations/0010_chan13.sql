CREATE TABLE "channel_config_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"actor_id" uuid,
	"channel" text NOT NULL,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_channel_settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"inbound_slug" text,
	"from_name" text DEFAULT '' NOT NULL,
	"reply_to" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bot_api_keys" ADD COLUMN "last4" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "bot_api_keys" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webchat_widgets" ADD COLUMN "enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "webchat_widgets" ADD COLUMN "allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "webchat_widgets" ADD COLUMN "title" text DEFAULT 'Chat with us' NOT NULL;--> statement-breakpoint
ALTER TABLE "webchat_widgets" ADD COLUMN "greeting" text DEFAULT 'Hi! How can we help?' NOT NULL;--> statement-breakpoint
ALTER TABLE "webchat_widgets" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_config_changes" ADD CONSTRAINT "channel_config_changes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_config_changes" ADD CONSTRAINT "channel_config_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_channel_settings" ADD CONSTRAINT "email_channel_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_config_changes_account_idx" ON "channel_config_changes" USING btree ("account_id","channel","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "email_channel_settings_slug_unique" ON "email_channel_settings" USING btree ("inbound_slug");
CREATE TABLE "agent_message_buckets" (
	"account_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"sender_user_id" uuid,
	"channel" "message_channel",
	"messages" integer NOT NULL,
	CONSTRAINT "agent_message_buckets_key" UNIQUE NULLS NOT DISTINCT("account_id","bucket","sender_user_id","channel")
);
--> statement-breakpoint
CREATE TABLE "conversation_cycles" (
	"account_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"cycle" integer NOT NULL,
	"received_at" timestamp with time zone,
	"channel" "message_channel",
	"replied_at" timestamp with time zone,
	"responder_id" uuid,
	"completed_at" timestamp with time zone,
	"completer_id" uuid,
	"handler_ids" uuid[] DEFAULT '{}' NOT NULL,
	"handled_by" uuid[] DEFAULT '{}' NOT NULL,
	"handled_at" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"last_handled_at" timestamp with time zone,
	CONSTRAINT "conversation_cycles_conversation_id_cycle_pk" PRIMARY KEY("conversation_id","cycle")
);
--> statement-breakpoint
ALTER TABLE "agent_message_buckets" ADD CONSTRAINT "agent_message_buckets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_cycles" ADD CONSTRAINT "conversation_cycles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;
DROP INDEX "contacts_account_email_unique";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "email_verified" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_account_email_unique" ON "contacts" USING btree ("account_id","email") WHERE "contacts"."email" IS NOT NULL AND "contacts"."email_verified";
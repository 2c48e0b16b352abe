ALTER TABLE "billing_accounts" ADD COLUMN "renewal_quantity" integer;--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD COLUMN "past_due_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD COLUMN "lines" jsonb;
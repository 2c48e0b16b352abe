CREATE INDEX "events_account_channel_seq_idx" ON "events" USING btree ("account_id","channel","seq");--> statement-breakpoint
-- Decision 0048: every account gets INCLUDED_FREE_SEATS (default 1). Accounts signed up before
-- it was granted get the default here; new ones get the configured value at sign-up.
UPDATE "account_seats" SET "included" = 1, "updated_at" = now() WHERE "included" < 1;--> statement-breakpoint
INSERT INTO "account_seats" ("account_id", "included") SELECT "id", 1 FROM "accounts" ON CONFLICT DO NOTHING;

CREATE TABLE "job_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- a scratch table of the refresh (sales/figures.ts): no write-ahead log for it
CREATE UNLOGGED TABLE "sales_refresh_rows" (
	"part" text NOT NULL,
	"customer_no" text NOT NULL,
	"year" smallint NOT NULL,
	"amount" numeric NOT NULL,
	"order_count" integer NOT NULL,
	"last_order_date" date,
	"settled_amount" numeric NOT NULL,
	"settled_count" integer NOT NULL,
	"settled_last" date
);

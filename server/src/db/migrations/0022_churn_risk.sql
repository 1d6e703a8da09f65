CREATE TABLE "customer_risk" (
	"customer_id" integer PRIMARY KEY NOT NULL,
	"score" smallint NOT NULL,
	"level" text NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "customer_risk_score_check" CHECK ("customer_risk"."score" between 0 and 100),
	CONSTRAINT "customer_risk_level_check" CHECK ("customer_risk"."level" in ('low', 'medium', 'high'))
);
--> statement-breakpoint
CREATE TABLE "customer_sales_months" (
	"customer_no" text NOT NULL,
	"month" date NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"order_count" integer NOT NULL,
	"first_order_date" date NOT NULL,
	"last_order_date" date NOT NULL,
	CONSTRAINT "customer_sales_months_customer_no_month_pk" PRIMARY KEY("customer_no","month")
);
--> statement-breakpoint
CREATE TABLE "sales_refresh_months" (
	"customer_no" text NOT NULL,
	"month" date NOT NULL,
	"amount" numeric NOT NULL,
	"order_count" integer NOT NULL,
	"first_order_date" date,
	"last_order_date" date
);
--> statement-breakpoint
ALTER TABLE "customer_risk" ADD CONSTRAINT "customer_risk_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_risk_level_score_idx" ON "customer_risk" USING btree ("level","score" DESC NULLS LAST,"customer_id");--> statement-breakpoint
CREATE INDEX "customer_risk_score_idx" ON "customer_risk" USING btree ("score" DESC NULLS LAST,"customer_id");--> statement-breakpoint
CREATE INDEX "opportunities_customer_idx" ON "opportunities" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "churn_warnings_customer_idx" ON "churn_warnings" USING btree ("customer_id");--> statement-breakpoint
-- hand-written below
-- docs/churn-risk.md#the-figures: a scratch table like sales_refresh_rows (0010), never worth the write-ahead log.
ALTER TABLE "sales_refresh_months" SET UNLOGGED;
--> statement-breakpoint
-- The monthly figures start empty: the next refresh must read every month kept (a full one), not only the months
-- from the cut on, before the churn risk is scored from them.
UPDATE "sales_sync" SET "full_at" = NULL;

CREATE TABLE "customer_sales_settled" (
	"customer_no" text NOT NULL,
	"year" smallint NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"order_count" integer NOT NULL,
	"last_order_date" date NOT NULL,
	CONSTRAINT "customer_sales_settled_customer_no_year_pk" PRIMARY KEY("customer_no","year")
);
--> statement-breakpoint
ALTER TABLE "sales_sync" ADD COLUMN "settled_before" date;--> statement-breakpoint
-- the sales refresh now writes only the rows that changed, so the triggers keep the totals for it too: the switch
-- that deferred them (crm.sales_totals = 'deferred') is gone
CREATE OR REPLACE FUNCTION customer_sales_totals_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM customer_sales_totals_refresh(ARRAY(SELECT DISTINCT customer_no FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM customer_sales_totals_refresh(ARRAY(SELECT DISTINCT customer_no FROM old_rows));
  ELSE
    PERFORM customer_sales_totals_refresh(ARRAY(SELECT customer_no FROM new_rows UNION SELECT customer_no FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;

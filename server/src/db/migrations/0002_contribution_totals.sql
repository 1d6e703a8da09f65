CREATE TABLE "customer_sales_totals" (
	"customer_no" text PRIMARY KEY NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"order_count" integer NOT NULL,
	"last_order_date" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "customer_sales_totals_amount_idx" ON "customer_sales_totals" USING btree ("amount" DESC NULLS LAST,"customer_no");--> statement-breakpoint
CREATE INDEX "customer_sales_years_year_amount_idx" ON "customer_sales_years" USING btree ("year","amount" DESC NULLS LAST,"customer_no");--> statement-breakpoint
-- customer_sales_totals follows customer_sales_years whoever writes it: recomputes the given customer numbers' totals
CREATE FUNCTION customer_sales_totals_refresh(nos text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM customer_sales_totals t WHERE t.customer_no = ANY (nos)
    AND NOT EXISTS (SELECT 1 FROM customer_sales_years y WHERE y.customer_no = t.customer_no);
  INSERT INTO customer_sales_totals (customer_no, amount, order_count, last_order_date)
  SELECT y.customer_no, sum(y.amount), sum(y.order_count), max(y.last_order_date)
  FROM customer_sales_years y WHERE y.customer_no = ANY (nos) GROUP BY y.customer_no
  ON CONFLICT (customer_no) DO UPDATE SET amount = excluded.amount, order_count = excluded.order_count,
    last_order_date = excluded.last_order_date
  WHERE (customer_sales_totals.amount, customer_sales_totals.order_count, customer_sales_totals.last_order_date)
    IS DISTINCT FROM (excluded.amount, excluded.order_count, excluded.last_order_date);
$$;--> statement-breakpoint
-- one set-based recompute per statement; the sales refresh defers it (crm.sales_totals = 'deferred') and
-- recomputes once at the end of its own transaction
CREATE FUNCTION customer_sales_totals_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('crm.sales_totals', true), '') = 'deferred' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM customer_sales_totals_refresh(ARRAY(SELECT DISTINCT customer_no FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM customer_sales_totals_refresh(ARRAY(SELECT DISTINCT customer_no FROM old_rows));
  ELSE
    PERFORM customer_sales_totals_refresh(ARRAY(SELECT customer_no FROM new_rows UNION SELECT customer_no FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customer_sales_totals_insert AFTER INSERT ON customer_sales_years
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_totals_sync();--> statement-breakpoint
CREATE TRIGGER customer_sales_totals_update AFTER UPDATE ON customer_sales_years
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_totals_sync();--> statement-breakpoint
CREATE TRIGGER customer_sales_totals_delete AFTER DELETE ON customer_sales_years
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_totals_sync();--> statement-breakpoint
INSERT INTO "customer_sales_totals" ("customer_no", "amount", "order_count", "last_order_date")
  SELECT "customer_no", sum("amount"), sum("order_count"), max("last_order_date") FROM "customer_sales_years" GROUP BY "customer_no";

CREATE TABLE "row_counts" (
	"table_name" text PRIMARY KEY NOT NULL,
	"n" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_sales_summary" (
	"year" smallint PRIMARY KEY NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"positive" integer NOT NULL,
	"negative" integer NOT NULL
);
--> statement-breakpoint
-- exact counts of customers and services, statement by statement (inserts and deletes; neither table is truncated)
CREATE FUNCTION row_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE row_counts SET n = n + (SELECT count(*) FROM new_rows) WHERE table_name = TG_TABLE_NAME;
  ELSE
    UPDATE row_counts SET n = n - (SELECT count(*) FROM old_rows) WHERE table_name = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customers_count_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION row_counts_sync();--> statement-breakpoint
CREATE TRIGGER customers_count_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION row_counts_sync();--> statement-breakpoint
CREATE TRIGGER services_count_insert AFTER INSERT ON services
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION row_counts_sync();--> statement-breakpoint
CREATE TRIGGER services_count_delete AFTER DELETE ON services
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION row_counts_sync();--> statement-breakpoint
INSERT INTO row_counts (table_name, n)
  SELECT 'customers', count(*) FROM customers UNION ALL SELECT 'services', count(*) FROM services;--> statement-breakpoint
-- the contribution totals: figures entering (+1) or leaving (-1) the copy, for customers the CRM knows
CREATE TYPE customer_sales_delta AS (customer_no text, year smallint, amount numeric, sign int);--> statement-breakpoint
CREATE FUNCTION customer_sales_summary_apply(d customer_sales_delta[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO customer_sales_summary AS s (year, amount, positive, negative)
  SELECT x.year, sum(x.sign * x.amount), coalesce(sum(x.sign) FILTER (WHERE x.amount > 0), 0),
         coalesce(sum(x.sign) FILTER (WHERE x.amount < 0), 0)
  FROM unnest(d) x
  WHERE EXISTS (SELECT 1 FROM customers c WHERE c.number = x.customer_no)
  GROUP BY x.year
  ON CONFLICT (year) DO UPDATE SET amount = s.amount + excluded.amount, positive = s.positive + excluded.positive,
    negative = s.negative + excluded.negative;
$$;--> statement-breakpoint
CREATE FUNCTION customer_sales_summary_years() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM customer_sales_summary_apply(ARRAY(SELECT (customer_no, year, amount, 1)::customer_sales_delta FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM customer_sales_summary_apply(ARRAY(SELECT (customer_no, year, amount, -1)::customer_sales_delta FROM old_rows));
  ELSE
    PERFORM customer_sales_summary_apply(ARRAY(
      SELECT (customer_no, year, amount, 1)::customer_sales_delta FROM new_rows
      UNION ALL SELECT (customer_no, year, amount, -1)::customer_sales_delta FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- all years: year 0
CREATE FUNCTION customer_sales_summary_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM customer_sales_summary_apply(ARRAY(SELECT (customer_no, 0, amount, 1)::customer_sales_delta FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM customer_sales_summary_apply(ARRAY(SELECT (customer_no, 0, amount, -1)::customer_sales_delta FROM old_rows));
  ELSE
    PERFORM customer_sales_summary_apply(ARRAY(
      SELECT (customer_no, 0, amount, 1)::customer_sales_delta FROM new_rows
      UNION ALL SELECT (customer_no, 0, amount, -1)::customer_sales_delta FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- a new customer whose number already has figures (orders entered before the customer) brings them in; customer
-- numbers never change, and customers are never deleted
CREATE FUNCTION customer_sales_summary_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM customer_sales_summary_apply(ARRAY(
    SELECT (y.customer_no, y.year, y.amount, 1)::customer_sales_delta FROM new_rows c JOIN customer_sales_years y ON y.customer_no = c.number
    UNION ALL
    SELECT (t.customer_no, 0, t.amount, 1)::customer_sales_delta FROM new_rows c JOIN customer_sales_totals t ON t.customer_no = c.number));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customer_sales_summary_insert AFTER INSERT ON customer_sales_years
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_summary_years();--> statement-breakpoint
CREATE TRIGGER customer_sales_summary_update AFTER UPDATE ON customer_sales_years
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_summary_years();--> statement-breakpoint
CREATE TRIGGER customer_sales_summary_delete AFTER DELETE ON customer_sales_years
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_summary_years();--> statement-breakpoint
CREATE TRIGGER customer_sales_summary_all_insert AFTER INSERT ON customer_sales_totals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_summary_totals();--> statement-breakpoint
CREATE TRIGGER customer_sales_summary_all_update AFTER UPDATE ON customer_sales_totals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_summary_totals();--> statement-breakpoint
CREATE TRIGGER customer_sales_summary_all_delete AFTER DELETE ON customer_sales_totals
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_summary_totals();--> statement-breakpoint
CREATE TRIGGER customer_sales_summary_customers AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_summary_customers();--> statement-breakpoint
INSERT INTO customer_sales_summary (year, amount, positive, negative)
  SELECT y.year, sum(y.amount), count(*) FILTER (WHERE y.amount > 0), count(*) FILTER (WHERE y.amount < 0)
  FROM customer_sales_years y JOIN customers c ON c.number = y.customer_no GROUP BY y.year
  UNION ALL
  SELECT 0, coalesce(sum(t.amount), 0), count(*) FILTER (WHERE t.amount > 0), count(*) FILTER (WHERE t.amount < 0)
  FROM customer_sales_totals t JOIN customers c ON c.number = t.customer_no;

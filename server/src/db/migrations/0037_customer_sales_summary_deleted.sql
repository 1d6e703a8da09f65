-- A deleted customer (an import reverted, docs/imports.md rule 9) takes its figures out of the contribution totals of
-- migration 0007, which until now only brought a new customer's figures in: the totals kept counting the figures of
-- every reverted customer whose number had orders. The shared apply function counts only numbers that are still
-- customers, so the deleted ones are subtracted here directly.
CREATE FUNCTION customer_sales_summary_customers_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_sales_summary AS s (year, amount, positive, negative)
  SELECT x.year, -sum(x.amount), -count(*) FILTER (WHERE x.amount > 0), -count(*) FILTER (WHERE x.amount < 0)
  FROM (SELECT y.year, y.amount FROM old_rows c JOIN customer_sales_years y ON y.customer_no = c.number
        UNION ALL
        SELECT 0::smallint, t.amount FROM old_rows c JOIN customer_sales_totals t ON t.customer_no = c.number) x
  GROUP BY x.year
  ORDER BY x.year
  ON CONFLICT (year) DO UPDATE SET amount = s.amount + excluded.amount, positive = s.positive + excluded.positive,
    negative = s.negative + excluded.negative;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customer_sales_summary_customers_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_sales_summary_customers_deleted();--> statement-breakpoint
-- the totals of a database where an import was reverted counted from scratch again
DELETE FROM customer_sales_summary;--> statement-breakpoint
INSERT INTO customer_sales_summary (year, amount, positive, negative)
  SELECT y.year, sum(y.amount), count(*) FILTER (WHERE y.amount > 0), count(*) FILTER (WHERE y.amount < 0)
  FROM customer_sales_years y JOIN customers c ON c.number = y.customer_no GROUP BY y.year
  UNION ALL
  SELECT 0, coalesce(sum(t.amount), 0), count(*) FILTER (WHERE t.amount > 0), count(*) FILTER (WHERE t.amount < 0)
  FROM customer_sales_totals t JOIN customers c ON c.number = t.customer_no;

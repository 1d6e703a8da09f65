-- customer_sales_totals_refresh joins the customer numbers it is given instead of testing `= ANY (nos)`: an array
-- parameter is never hashed, so a refresh that changed 100,000 numbers (a first full refresh, through the statement
-- triggers) compared every row with every number. Duplicates in `nos` count once. New numbers are inserted with
-- ON CONFLICT DO NOTHING rather than NOT EXISTS: on an empty table the planner would probe it by scanning it, while
-- the same statement fills it — quadratic in the number of new totals.
CREATE OR REPLACE FUNCTION customer_sales_totals_refresh(nos text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM customer_sales_totals t USING (SELECT DISTINCT unnest(nos) AS customer_no) n
  WHERE t.customer_no = n.customer_no
    AND NOT EXISTS (SELECT 1 FROM customer_sales_years y WHERE y.customer_no = t.customer_no);
  UPDATE customer_sales_totals t SET amount = f.amount, order_count = f.order_count, last_order_date = f.last_order_date
  FROM (SELECT y.customer_no, sum(y.amount) AS amount, sum(y.order_count) AS order_count, max(y.last_order_date) AS last_order_date
        FROM (SELECT DISTINCT unnest(nos) AS customer_no) n JOIN customer_sales_years y ON y.customer_no = n.customer_no
        GROUP BY y.customer_no) f
  WHERE t.customer_no = f.customer_no
    AND (t.amount, t.order_count, t.last_order_date) IS DISTINCT FROM (f.amount, f.order_count, f.last_order_date);
  INSERT INTO customer_sales_totals (customer_no, amount, order_count, last_order_date)
  SELECT y.customer_no, sum(y.amount), sum(y.order_count), max(y.last_order_date)
  FROM (SELECT DISTINCT unnest(nos) AS customer_no) n JOIN customer_sales_years y ON y.customer_no = n.customer_no
  GROUP BY y.customer_no
  ON CONFLICT (customer_no) DO NOTHING;
$$;

-- customer_sales_totals_refresh without INSERT … ON CONFLICT: when most totals are unchanged (an incremental sales
-- refresh, the usual case), the speculative insertion of every row cost more than the sums themselves. Now: update
-- the changed rows (set-based, unchanged ones skipped), insert the new customer numbers, delete the vanished ones.
CREATE OR REPLACE FUNCTION customer_sales_totals_refresh(nos text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM customer_sales_totals t WHERE t.customer_no = ANY (nos)
    AND NOT EXISTS (SELECT 1 FROM customer_sales_years y WHERE y.customer_no = t.customer_no);
  UPDATE customer_sales_totals t SET amount = f.amount, order_count = f.order_count, last_order_date = f.last_order_date
  FROM (SELECT y.customer_no, sum(y.amount) AS amount, sum(y.order_count) AS order_count, max(y.last_order_date) AS last_order_date
        FROM customer_sales_years y WHERE y.customer_no = ANY (nos) GROUP BY y.customer_no) f
  WHERE t.customer_no = f.customer_no
    AND (t.amount, t.order_count, t.last_order_date) IS DISTINCT FROM (f.amount, f.order_count, f.last_order_date);
  INSERT INTO customer_sales_totals (customer_no, amount, order_count, last_order_date)
  SELECT y.customer_no, sum(y.amount), sum(y.order_count), max(y.last_order_date)
  FROM customer_sales_years y
  WHERE y.customer_no = ANY (nos) AND NOT EXISTS (SELECT 1 FROM customer_sales_totals t WHERE t.customer_no = y.customer_no)
  GROUP BY y.customer_no;
$$;

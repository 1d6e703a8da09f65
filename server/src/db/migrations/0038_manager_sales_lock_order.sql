-- The order of 0036's two kinds of write, taken before any row is touched. 0036 took its advisory lock in the AFTER
-- triggers, when a statement had already locked rows: a transfer's row trigger had locked the customer's risk
-- (migration 0025) when it waited for a refresh holding the lock, and the refresh, scoring risks in the same
-- transaction, then waited for that row — a deadlock, where before 0036 the refresh simply waited for the transfer.
-- Now a statement writing figures takes the lock exclusively, and one moving customers between managers (or creating
-- or deleting them) shares it, in BEFORE statement triggers; the refresh's and a merge's transactions take it first
-- of all, as the copy's lock (server/src/sales/aliases.ts `lockCopy`), so they hold no row while they wait for it.
-- It is the copy's lock itself: its writers already took it one at a time.
CREATE OR REPLACE FUNCTION manager_sales_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM manager_sales_apply(ARRAY(
      SELECT (c.manager_id, r.year, -r.amount)::manager_sales_delta
      FROM old_rows r JOIN customers c ON c.number = r.customer_no));
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM manager_sales_apply(ARRAY(
      SELECT (c.manager_id, r.year, r.amount)::manager_sales_delta
      FROM new_rows r JOIN customers c ON c.number = r.customer_no));
  ELSE
    PERFORM manager_sales_apply(ARRAY(
      SELECT (c.manager_id, r.year, r.amount)::manager_sales_delta
      FROM (SELECT customer_no, year, amount FROM new_rows
            UNION ALL SELECT customer_no, year, -amount FROM old_rows) r
      JOIN customers c ON c.number = r.customer_no));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION manager_sales_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM manager_sales_apply(ARRAY(
      SELECT (x.manager_id, y.year, x.sign * y.amount)::manager_sales_delta
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.manager_id, 1), (o.manager_id, -1)) AS x(manager_id, sign)
      JOIN customer_sales_years y ON y.customer_no = n.number
      WHERE n.manager_id IS DISTINCT FROM o.manager_id));
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM manager_sales_apply(ARRAY(
      SELECT (c.manager_id, y.year, y.amount)::manager_sales_delta
      FROM new_rows c JOIN customer_sales_years y ON y.customer_no = c.number));
  ELSE
    PERFORM manager_sales_apply(ARRAY(
      SELECT (c.manager_id, y.year, -y.amount)::manager_sales_delta
      FROM old_rows c JOIN customer_sales_years y ON y.customer_no = c.number));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION manager_sales_lock_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('customer-sales-copy'));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION manager_sales_lock_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('customer-sales-copy'));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER manager_sales_lock_figures BEFORE INSERT OR UPDATE OR DELETE ON customer_sales_years
  FOR EACH STATEMENT EXECUTE FUNCTION manager_sales_lock_figures();--> statement-breakpoint
CREATE TRIGGER manager_sales_lock_customers BEFORE INSERT OR DELETE OR UPDATE OF manager_id ON customers
  FOR EACH STATEMENT EXECUTE FUNCTION manager_sales_lock_customers();

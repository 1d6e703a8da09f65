CREATE TABLE "manager_sales_years" (
	"manager_id" integer,
	"year" smallint NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "manager_sales_years_key" UNIQUE NULLS NOT DISTINCT("manager_id","year")
);
--> statement-breakpoint
-- figures entering (+) or leaving (-) a manager's year (null: the pool); summed per pair, written in key order (two
-- statements never wait on each other in a circle) and only where something changed
CREATE TYPE manager_sales_delta AS (manager_id integer, year smallint, amount numeric);--> statement-breakpoint
CREATE FUNCTION manager_sales_apply(d manager_sales_delta[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO manager_sales_years AS t (manager_id, year, amount)
  SELECT x.manager_id, x.year, sum(x.amount) FROM unnest(d) x
  GROUP BY x.manager_id, x.year HAVING sum(x.amount) <> 0
  ORDER BY x.manager_id, x.year
  ON CONFLICT (manager_id, year) DO UPDATE SET amount = t.amount + excluded.amount;
$$;--> statement-breakpoint
-- Two kinds of write meet here: figures written (the sales refresh, a merge's aliases) and customers moving between
-- managers (a transfer, the pool, a handover; a customer created or deleted). A statement writing figures holds the
-- advisory lock below exclusively, one moving customers shares it, each taken after its own rows are written and
-- before it reads the other side; whichever comes second waits for the first's transaction and then reads what it
-- committed (each statement of a trigger reads afresh under READ COMMITTED). So a figure is never counted for a
-- manager whose change is not yet committed, nor left behind by a move that could not see it yet. No customer row is
-- locked: a full refresh may change the figures of every customer. (Migration 0038 moved the lock: it is now the
-- derived copy's own key, taken before any row is written by BEFORE statement triggers — taken after the rows, as
-- below, it deadlocked a transfer with a refresh scoring risks. 0038 holds the order that applies.)
CREATE FUNCTION manager_sales_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
      RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('manager-sales-years'));
    PERFORM manager_sales_apply(ARRAY(
      SELECT (c.manager_id, r.year, -r.amount)::manager_sales_delta
      FROM old_rows r JOIN customers c ON c.number = r.customer_no));
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('manager-sales-years'));
  IF TG_OP = 'INSERT' THEN
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
-- a customer's figures move with its manager; a new customer whose number already has figures (orders entered before
-- the customer) brings them in, a deleted one (an import reverted) takes them away; customer numbers never change
CREATE FUNCTION manager_sales_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                   WHERE n.manager_id IS DISTINCT FROM o.manager_id) THEN
      RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(hashtext('manager-sales-years'));
    PERFORM manager_sales_apply(ARRAY(
      SELECT (x.manager_id, y.year, x.sign * y.amount)::manager_sales_delta
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.manager_id, 1), (o.manager_id, -1)) AS x(manager_id, sign)
      JOIN customer_sales_years y ON y.customer_no = n.number
      WHERE n.manager_id IS DISTINCT FROM o.manager_id));
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM pg_advisory_xact_lock_shared(hashtext('manager-sales-years'));
    PERFORM manager_sales_apply(ARRAY(
      SELECT (c.manager_id, y.year, y.amount)::manager_sales_delta
      FROM new_rows c JOIN customer_sales_years y ON y.customer_no = c.number));
  ELSE
    PERFORM pg_advisory_xact_lock_shared(hashtext('manager-sales-years'));
    PERFORM manager_sales_apply(ARRAY(
      SELECT (c.manager_id, y.year, -y.amount)::manager_sales_delta
      FROM old_rows c JOIN customer_sales_years y ON y.customer_no = c.number));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER manager_sales_insert AFTER INSERT ON customer_sales_years
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION manager_sales_figures();--> statement-breakpoint
CREATE TRIGGER manager_sales_update AFTER UPDATE ON customer_sales_years
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION manager_sales_figures();--> statement-breakpoint
CREATE TRIGGER manager_sales_delete AFTER DELETE ON customer_sales_years
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION manager_sales_figures();--> statement-breakpoint
CREATE TRIGGER manager_sales_customers_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION manager_sales_customers();--> statement-breakpoint
CREATE TRIGGER manager_sales_customers_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION manager_sales_customers();--> statement-breakpoint
CREATE TRIGGER manager_sales_customers_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION manager_sales_customers();--> statement-breakpoint
INSERT INTO manager_sales_years (manager_id, year, amount)
  SELECT c.manager_id, y.year, sum(y.amount) FROM customer_sales_years y JOIN customers c ON c.number = y.customer_no
  GROUP BY 1, 2;

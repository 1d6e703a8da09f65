CREATE TABLE "service_month_totals" (
	"creator_department" integer NOT NULL,
	"assignee_department" integer NOT NULL,
	"handler_department" integer NOT NULL,
	"manager_department" integer NOT NULL,
	"month" date NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "service_month_totals_pk" PRIMARY KEY("creator_department","assignee_department","handler_department","manager_department","month")
);
--> statement-breakpoint
CREATE INDEX "service_month_totals_month_idx" ON "service_month_totals" USING btree ("month");--> statement-breakpoint
-- The combinations of departments of 0035 per UTC month of creation as well as per status: the same three kinds of
-- write move a service, the same functions count it (now with its month), and both tables are written one after the
-- other in key order, each statement reading the departments afresh from the users 0035 locks.
ALTER TYPE service_totals_row ADD ATTRIBUTE month date;--> statement-breakpoint
-- each row entering (+1) or leaving (-1) with its combination of departments (as in 0035: the users in `moved` counted
-- with `moved_from` when leaving)
CREATE FUNCTION service_totals_departments(r service_totals_row[], moved integer[], moved_from integer[])
RETURNS TABLE (creator_department integer, assignee_department integer, handler_department integer,
               manager_department integer, status text, month date, sign integer)
LANGUAGE sql STABLE AS $$
  WITH people AS (
    SELECT u.id, u.department_id AS now, CASE WHEN m.id IS NULL THEN u.department_id ELSE m.department_id END AS was
    FROM users u LEFT JOIN unnest(moved, moved_from) AS m(id, department_id) ON m.id = u.id
  )
  SELECT coalesce(CASE WHEN x.sign > 0 THEN pc.now ELSE pc.was END, 0),
         coalesce(CASE WHEN x.sign > 0 THEN pa.now ELSE pa.was END, 0),
         coalesce(CASE WHEN x.sign > 0 THEN ph.now ELSE ph.was END, 0),
         coalesce(CASE WHEN x.sign > 0 THEN pm.now ELSE pm.was END, 0),
         x.status, x.month, x.sign
  FROM unnest(r) x
  LEFT JOIN people pc ON pc.id = x.created_by
  LEFT JOIN people pa ON pa.id = x.assignee_id
  LEFT JOIN people ph ON ph.id = x.handled_by
  LEFT JOIN people pm ON pm.id = x.manager_id
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION service_totals_count(r service_totals_row[], moved integer[] DEFAULT '{}',
                                                moved_from integer[] DEFAULT '{}') RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(r) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM users u
    WHERE u.id IN (SELECT unnest(array[x.manager_id, x.created_by, x.assignee_id, x.handled_by]) FROM unnest(r) x)
    ORDER BY u.id FOR SHARE;
  INSERT INTO service_totals AS t (creator_department, assignee_department, handler_department, manager_department,
                                   status, n)
  SELECT d.creator_department, d.assignee_department, d.handler_department, d.manager_department, d.status, sum(d.sign)
  FROM service_totals_departments(r, moved, moved_from) d
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ON CONSTRAINT service_totals_pk DO UPDATE SET n = t.n + excluded.n;
  INSERT INTO service_month_totals AS t (creator_department, assignee_department, handler_department,
                                         manager_department, month, n)
  SELECT d.creator_department, d.assignee_department, d.handler_department, d.manager_department, d.month, sum(d.sign)
  FROM service_totals_departments(r, moved, moved_from) d
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ON CONSTRAINT service_month_totals_pk DO UPDATE SET n = t.n + excluded.n;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION service_totals_services() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed service_totals_row[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := ARRAY(SELECT (s.customer_id, NULL, s.created_by, s.assignee_id, s.handled_by, s.status, 1,
                             date_trunc('month', s.created_at AT TIME ZONE 'UTC')::date)::service_totals_row
                     FROM new_rows s);
  ELSIF TG_OP = 'DELETE' THEN
    changed := ARRAY(SELECT (s.customer_id, NULL, s.created_by, s.assignee_id, s.handled_by, s.status, -1,
                             date_trunc('month', s.created_at AT TIME ZONE 'UTC')::date)::service_totals_row
                     FROM old_rows s);
  ELSE
    -- only the services whose customer, people, status or creation time changed (a deadline's stamp, a text moves
    -- nothing)
    changed := ARRAY(
      SELECT (x.customer_id, NULL, x.created_by, x.assignee_id, x.handled_by, x.status, x.sign,
              date_trunc('month', x.created_at AT TIME ZONE 'UTC')::date)::service_totals_row
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.customer_id, n.created_by, n.assignee_id, n.handled_by, n.status, n.created_at, 1),
                                 (o.customer_id, o.created_by, o.assignee_id, o.handled_by, o.status, o.created_at, -1))
        AS x(customer_id, created_by, assignee_id, handled_by, status, created_at, sign)
      WHERE (n.customer_id, n.created_by, n.assignee_id, n.handled_by, n.status, n.created_at)
            IS DISTINCT FROM (o.customer_id, o.created_by, o.assignee_id, o.handled_by, o.status, o.created_at));
  END IF;
  IF cardinality(changed) = 0 THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM customers c WHERE c.id IN (SELECT x.customer_id FROM unnest(changed) x) ORDER BY c.id FOR SHARE;
  PERFORM service_totals_count(ARRAY(
    SELECT (x.customer_id, c.manager_id, x.created_by, x.assignee_id, x.handled_by, x.status, x.sign,
            x.month)::service_totals_row
    FROM unnest(changed) x JOIN customers c ON c.id = x.customer_id));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION service_totals_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM service_totals_count(ARRAY(
    SELECT (s.customer_id, x.manager_id, s.created_by, s.assignee_id, s.handled_by, s.status, x.sign,
            date_trunc('month', s.created_at AT TIME ZONE 'UTC')::date)::service_totals_row
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n.manager_id, 1), (o.manager_id, -1)) AS x(manager_id, sign)
    JOIN services s ON s.customer_id = n.id
    WHERE n.manager_id IS DISTINCT FROM o.manager_id));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION service_totals_users() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved integer[];
  moved_from integer[];
BEGIN
  SELECT array_agg(n.id), array_agg(o.department_id) INTO moved, moved_from
    FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.department_id IS DISTINCT FROM o.department_id;
  IF moved IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM service_totals_count(ARRAY(
    SELECT (s.customer_id, c.manager_id, s.created_by, s.assignee_id, s.handled_by, s.status, x.sign,
            date_trunc('month', s.created_at AT TIME ZONE 'UTC')::date)::service_totals_row
    FROM services s JOIN customers c ON c.id = s.customer_id CROSS JOIN (VALUES (1), (-1)) AS x(sign)
    WHERE s.created_by = ANY(moved) OR s.assignee_id = ANY(moved) OR s.handled_by = ANY(moved)
       OR c.manager_id = ANY(moved)), moved, moved_from);
  RETURN NULL;
END
$$;--> statement-breakpoint
INSERT INTO service_month_totals (creator_department, assignee_department, handler_department, manager_department,
                                  month, n)
  SELECT coalesce(uc.department_id, 0), coalesce(ua.department_id, 0), coalesce(uh.department_id, 0),
         coalesce(um.department_id, 0), date_trunc('month', s.created_at AT TIME ZONE 'UTC')::date, count(*)
  FROM services s JOIN customers c ON c.id = s.customer_id
  LEFT JOIN users uc ON uc.id = s.created_by LEFT JOIN users ua ON ua.id = s.assignee_id
  LEFT JOIN users uh ON uh.id = s.handled_by LEFT JOIN users um ON um.id = c.manager_id
  GROUP BY 1, 2, 3, 4, 5;

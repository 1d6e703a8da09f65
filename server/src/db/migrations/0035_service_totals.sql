CREATE TABLE "service_totals" (
	"creator_department" integer NOT NULL,
	"assignee_department" integer NOT NULL,
	"handler_department" integer NOT NULL,
	"manager_department" integer NOT NULL,
	"status" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "service_totals_pk" PRIMARY KEY("creator_department","assignee_department","handler_department","manager_department","status")
);
--> statement-breakpoint
-- A service counts in the combination of its people's departments as they stand: its creator's, assignee's and
-- handler's, and its customer's manager's (0: no such person, or one without a department), and its status. Three
-- kinds of write move services between combinations — a service's own (insert, update, delete), a customer's change of
-- manager, a user's change of department — and each trigger below moves them. The departments and managers are read
-- after locking the rows they come from (FOR SHARE, in key order), so that two of these writes at the same time never
-- each count from what the other has not committed yet: one waits for the other's transaction and then reads what it
-- wrote (each statement of a PL/pgSQL function reads afresh).
CREATE TYPE service_totals_row AS (
  customer_id integer, manager_id integer, created_by integer, assignee_id integer, handled_by integer, status text,
  sign integer
);--> statement-breakpoint
-- each row entering (+1) or leaving (-1) its combination, summed per combination, written in key order (two statements
-- never wait on each other in a circle) and only where something changed. `moved`/`moved_from`: users whose department
-- this statement changed and the departments they had, which the leaving rows (-1) were counted with
CREATE FUNCTION service_totals_count(r service_totals_row[], moved integer[] DEFAULT '{}',
                                     moved_from integer[] DEFAULT '{}') RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(r) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM users u
    WHERE u.id IN (SELECT unnest(array[x.manager_id, x.created_by, x.assignee_id, x.handled_by]) FROM unnest(r) x)
    ORDER BY u.id FOR SHARE;
  WITH people AS (
    SELECT u.id, u.department_id AS now, CASE WHEN m.id IS NULL THEN u.department_id ELSE m.department_id END AS was
    FROM users u LEFT JOIN unnest(moved, moved_from) AS m(id, department_id) ON m.id = u.id
  )
  INSERT INTO service_totals AS t (creator_department, assignee_department, handler_department, manager_department,
                                   status, n)
  SELECT coalesce(CASE WHEN x.sign > 0 THEN pc.now ELSE pc.was END, 0),
         coalesce(CASE WHEN x.sign > 0 THEN pa.now ELSE pa.was END, 0),
         coalesce(CASE WHEN x.sign > 0 THEN ph.now ELSE ph.was END, 0),
         coalesce(CASE WHEN x.sign > 0 THEN pm.now ELSE pm.was END, 0),
         x.status, sum(x.sign)
  FROM unnest(r) x
  LEFT JOIN people pc ON pc.id = x.created_by
  LEFT JOIN people pa ON pa.id = x.assignee_id
  LEFT JOIN people ph ON ph.id = x.handled_by
  LEFT JOIN people pm ON pm.id = x.manager_id
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(x.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ON CONSTRAINT service_totals_pk DO UPDATE SET n = t.n + excluded.n;
END
$$;--> statement-breakpoint
CREATE FUNCTION service_totals_services() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed service_totals_row[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := ARRAY(SELECT (s.customer_id, NULL, s.created_by, s.assignee_id, s.handled_by, s.status, 1)::service_totals_row
                     FROM new_rows s);
  ELSIF TG_OP = 'DELETE' THEN
    changed := ARRAY(SELECT (s.customer_id, NULL, s.created_by, s.assignee_id, s.handled_by, s.status, -1)::service_totals_row
                     FROM old_rows s);
  ELSE
    -- only the services whose customer, people or status changed (a deadline's stamp, a text moves nothing)
    changed := ARRAY(
      SELECT (x.customer_id, NULL, x.created_by, x.assignee_id, x.handled_by, x.status, x.sign)::service_totals_row
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.customer_id, n.created_by, n.assignee_id, n.handled_by, n.status, 1),
                                 (o.customer_id, o.created_by, o.assignee_id, o.handled_by, o.status, -1))
        AS x(customer_id, created_by, assignee_id, handled_by, status, sign)
      WHERE (n.customer_id, n.created_by, n.assignee_id, n.handled_by, n.status)
            IS DISTINCT FROM (o.customer_id, o.created_by, o.assignee_id, o.handled_by, o.status));
  END IF;
  IF cardinality(changed) = 0 THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM customers c WHERE c.id IN (SELECT x.customer_id FROM unnest(changed) x) ORDER BY c.id FOR SHARE;
  PERFORM service_totals_count(ARRAY(
    SELECT (x.customer_id, c.manager_id, x.created_by, x.assignee_id, x.handled_by, x.status, x.sign)::service_totals_row
    FROM unnest(changed) x JOIN customers c ON c.id = x.customer_id));
  RETURN NULL;
END
$$;--> statement-breakpoint
-- a customer's services move with its manager (a transfer, the pool, a handover)
CREATE FUNCTION service_totals_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM service_totals_count(ARRAY(
    SELECT (s.customer_id, x.manager_id, s.created_by, s.assignee_id, s.handled_by, s.status, x.sign)::service_totals_row
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n.manager_id, 1), (o.manager_id, -1)) AS x(manager_id, sign)
    JOIN services s ON s.customer_id = n.id
    WHERE n.manager_id IS DISTINCT FROM o.manager_id));
  RETURN NULL;
END
$$;--> statement-breakpoint
-- every service of a user who changes department moves with them
CREATE FUNCTION service_totals_users() RETURNS trigger LANGUAGE plpgsql AS $$
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
    SELECT (s.customer_id, c.manager_id, s.created_by, s.assignee_id, s.handled_by, s.status, x.sign)::service_totals_row
    FROM services s JOIN customers c ON c.id = s.customer_id CROSS JOIN (VALUES (1), (-1)) AS x(sign)
    WHERE s.created_by = ANY(moved) OR s.assignee_id = ANY(moved) OR s.handled_by = ANY(moved)
       OR c.manager_id = ANY(moved)), moved, moved_from);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER service_totals_insert AFTER INSERT ON services
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_totals_services();--> statement-breakpoint
CREATE TRIGGER service_totals_update AFTER UPDATE ON services
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_totals_services();--> statement-breakpoint
CREATE TRIGGER service_totals_delete AFTER DELETE ON services
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_totals_services();--> statement-breakpoint
CREATE TRIGGER service_totals_customers AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_totals_customers();--> statement-breakpoint
CREATE TRIGGER service_totals_users AFTER UPDATE ON users
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_totals_users();--> statement-breakpoint
INSERT INTO service_totals (creator_department, assignee_department, handler_department, manager_department, status, n)
  SELECT coalesce(uc.department_id, 0), coalesce(ua.department_id, 0), coalesce(uh.department_id, 0),
         coalesce(um.department_id, 0), s.status, count(*)
  FROM services s JOIN customers c ON c.id = s.customer_id
  LEFT JOIN users uc ON uc.id = s.created_by LEFT JOIN users ua ON ua.id = s.assignee_id
  LEFT JOIN users uh ON uh.id = s.handled_by LEFT JOIN users um ON um.id = c.manager_id
  GROUP BY 1, 2, 3, 4, 5;

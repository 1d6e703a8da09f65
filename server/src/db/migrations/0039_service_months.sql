CREATE TABLE "service_months" (
	"type_id" integer NOT NULL,
	"month" date NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "service_months_pk" PRIMARY KEY("type_id","month")
);
--> statement-breakpoint
-- A service counts in its type and the UTC month of its creation. Only a service's own writes move it (its type and
-- creation time are its own columns): each statement's rows entering (+1) and leaving (-1), summed per type and month,
-- written in key order (two statements never wait on each other in a circle) and only where something changed — an
-- assignment, a handling or a text moves nothing. Two statements that file services of the same type in the same month
-- queue on that month's row until the first commits.
CREATE FUNCTION service_months_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO service_months AS t (type_id, month, n)
    SELECT s.type_id, date_trunc('month', s.created_at AT TIME ZONE 'UTC')::date, count(*)
    FROM new_rows s GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ON CONSTRAINT service_months_pk DO UPDATE SET n = t.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO service_months AS t (type_id, month, n)
    SELECT s.type_id, date_trunc('month', s.created_at AT TIME ZONE 'UTC')::date, -count(*)
    FROM old_rows s GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ON CONSTRAINT service_months_pk DO UPDATE SET n = t.n + excluded.n;
  ELSE
    INSERT INTO service_months AS t (type_id, month, n)
    SELECT x.type_id, date_trunc('month', x.created_at AT TIME ZONE 'UTC')::date, sum(x.sign)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n.type_id, n.created_at, 1), (o.type_id, o.created_at, -1))
      AS x(type_id, created_at, sign)
    WHERE (n.type_id, n.created_at) IS DISTINCT FROM (o.type_id, o.created_at)
    GROUP BY 1, 2 HAVING sum(x.sign) <> 0 ORDER BY 1, 2
    ON CONFLICT ON CONSTRAINT service_months_pk DO UPDATE SET n = t.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER service_months_insert AFTER INSERT ON services
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_months_count();--> statement-breakpoint
CREATE TRIGGER service_months_update AFTER UPDATE ON services
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_months_count();--> statement-breakpoint
CREATE TRIGGER service_months_delete AFTER DELETE ON services
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_months_count();--> statement-breakpoint
INSERT INTO service_months (type_id, month, n)
  SELECT type_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, count(*) FROM services GROUP BY 1, 2;

CREATE TABLE "customer_risk_totals" (
	"manager_id" integer,
	"level" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "customer_risk_totals_key" UNIQUE NULLS NOT DISTINCT("manager_id","level")
);
--> statement-breakpoint
-- each risk entering (+1) or leaving (-1) its manager and level; summed per pair, written in key order (two
-- statements never wait on each other in a circle) and only where something changed (a new score of the same level
-- writes nothing)
CREATE TYPE customer_risk_totals_delta AS (manager_id integer, level text, sign integer);--> statement-breakpoint
CREATE FUNCTION customer_risk_totals_apply(d customer_risk_totals_delta[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO customer_risk_totals AS t (manager_id, level, n)
  SELECT x.manager_id, x.level, sum(x.sign) FROM unnest(d) x
  GROUP BY x.manager_id, x.level HAVING sum(x.sign) <> 0
  ORDER BY x.manager_id, x.level
  ON CONFLICT (manager_id, level) DO UPDATE SET n = t.n + excluded.n;
$$;--> statement-breakpoint
CREATE FUNCTION customer_risk_totals_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM customer_risk_totals_apply(ARRAY(
      SELECT (r.manager_id, r.level, 1)::customer_risk_totals_delta FROM new_rows r));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM customer_risk_totals_apply(ARRAY(
      SELECT (r.manager_id, r.level, -1)::customer_risk_totals_delta FROM old_rows r));
  ELSE
    PERFORM customer_risk_totals_apply(ARRAY(
      SELECT (r.manager_id, r.level, 1)::customer_risk_totals_delta FROM new_rows r
      UNION ALL SELECT (r.manager_id, r.level, -1)::customer_risk_totals_delta FROM old_rows r));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customer_risk_totals_insert AFTER INSERT ON customer_risk
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_risk_totals_sync();--> statement-breakpoint
CREATE TRIGGER customer_risk_totals_update AFTER UPDATE ON customer_risk
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_risk_totals_sync();--> statement-breakpoint
CREATE TRIGGER customer_risk_totals_delete AFTER DELETE ON customer_risk
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_risk_totals_sync();--> statement-breakpoint
INSERT INTO customer_risk_totals (manager_id, level, n)
  SELECT manager_id, level, count(*) FROM customer_risk GROUP BY 1, 2;

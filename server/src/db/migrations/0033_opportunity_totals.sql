CREATE TABLE "opportunity_totals" (
	"created_by" integer NOT NULL,
	"assignee_id" integer NOT NULL,
	"status" text NOT NULL,
	"stage_id" integer NOT NULL,
	"n" bigint NOT NULL,
	"amount" numeric NOT NULL,
	CONSTRAINT "opportunity_totals_created_by_assignee_id_status_stage_id_pk" PRIMARY KEY("created_by","assignee_id","status","stage_id")
);
--> statement-breakpoint
-- each opportunity entering (+1) or leaving (-1) its combination of creator, assignee, status and stage; summed per
-- combination, written in key order (two statements never wait on each other in a circle) and only where something
-- changed (an update of other columns — a version, a summary — writes nothing)
CREATE TYPE opportunity_totals_delta AS (
  created_by integer, assignee_id integer, status text, stage_id integer, sign integer, amount numeric
);--> statement-breakpoint
CREATE FUNCTION opportunity_totals_apply(d opportunity_totals_delta[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO opportunity_totals AS t (created_by, assignee_id, status, stage_id, n, amount)
  SELECT x.created_by, x.assignee_id, x.status, x.stage_id, sum(x.sign), sum(x.sign * x.amount)
  FROM unnest(d) x
  GROUP BY x.created_by, x.assignee_id, x.status, x.stage_id
  HAVING sum(x.sign) <> 0 OR sum(x.sign * x.amount) <> 0
  ORDER BY x.created_by, x.assignee_id, x.status, x.stage_id
  ON CONFLICT (created_by, assignee_id, status, stage_id)
    DO UPDATE SET n = t.n + excluded.n, amount = t.amount + excluded.amount;
$$;--> statement-breakpoint
CREATE FUNCTION opportunity_totals_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM opportunity_totals_apply(ARRAY(
      SELECT (o.created_by, coalesce(o.assignee_id, 0), o.status, coalesce(o.stage_id, 0), 1,
              coalesce(o.expected_amount, 0))::opportunity_totals_delta FROM new_rows o));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM opportunity_totals_apply(ARRAY(
      SELECT (o.created_by, coalesce(o.assignee_id, 0), o.status, coalesce(o.stage_id, 0), -1,
              coalesce(o.expected_amount, 0))::opportunity_totals_delta FROM old_rows o));
  ELSE
    PERFORM opportunity_totals_apply(ARRAY(
      SELECT (o.created_by, coalesce(o.assignee_id, 0), o.status, coalesce(o.stage_id, 0), 1,
              coalesce(o.expected_amount, 0))::opportunity_totals_delta FROM new_rows o
      UNION ALL
      SELECT (o.created_by, coalesce(o.assignee_id, 0), o.status, coalesce(o.stage_id, 0), -1,
              coalesce(o.expected_amount, 0))::opportunity_totals_delta FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER opportunity_totals_insert AFTER INSERT ON opportunities
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION opportunity_totals_sync();--> statement-breakpoint
CREATE TRIGGER opportunity_totals_update AFTER UPDATE ON opportunities
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION opportunity_totals_sync();--> statement-breakpoint
CREATE TRIGGER opportunity_totals_delete AFTER DELETE ON opportunities
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION opportunity_totals_sync();--> statement-breakpoint
INSERT INTO opportunity_totals (created_by, assignee_id, status, stage_id, n, amount)
  SELECT created_by, coalesce(assignee_id, 0), status, coalesce(stage_id, 0), count(*), coalesce(sum(expected_amount), 0)
  FROM opportunities GROUP BY 1, 2, 3, 4;

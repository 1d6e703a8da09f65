DROP INDEX "customer_risk_level_score_idx";--> statement-breakpoint
DROP INDEX "customer_risk_score_idx";--> statement-breakpoint
DROP INDEX "opportunities_created_by_idx";--> statement-breakpoint
DROP INDEX "opportunities_assignee_idx";--> statement-breakpoint
ALTER TABLE "sales_sync" ADD COLUMN "risk_day" date;--> statement-breakpoint
CREATE INDEX "customers_not_normal_idx" ON "customers" USING btree ("id") WHERE "customers"."status" <> 'normal';--> statement-breakpoint
CREATE INDEX "customer_risk_rank_idx" ON "customer_risk" USING btree ("score" DESC NULLS LAST,"customer_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "opportunities_created_by_idx" ON "opportunities" USING btree ("created_by","id");--> statement-breakpoint
CREATE INDEX "opportunities_assignee_idx" ON "opportunities" USING btree ("assignee_id","id");--> statement-breakpoint
-- hand-written below
-- docs/churn-risk.md#the-figures, rule 3: only `normal` customers have a risk. A customer that leaves `normal`
-- (lost, or merged away) loses its row in the same statement, so the at-risk list may count customer_risk alone.
DELETE FROM "customer_risk" r USING "customers" c WHERE c."id" = r."customer_id" AND c."status" <> 'normal';
--> statement-breakpoint
CREATE FUNCTION customer_risk_normal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_risk WHERE customer_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER customer_risk_normal_only AFTER UPDATE OF "status" ON "customers"
  FOR EACH ROW WHEN (OLD."status" = 'normal' AND NEW."status" <> 'normal') EXECUTE FUNCTION customer_risk_normal_only();

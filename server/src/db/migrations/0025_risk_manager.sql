ALTER TABLE "customer_risk" ADD COLUMN "manager_id" integer;--> statement-breakpoint
CREATE INDEX "customer_risk_manager_rank_idx" ON "customer_risk" USING btree ("manager_id","score" DESC NULLS LAST,"customer_id" DESC NULLS LAST);--> statement-breakpoint
-- hand-written below
-- docs/churn-risk.md#the-list: a risk carries its customer's manager, so the list of a narrowed scope or of one
-- manager reads customer_risk alone through customer_risk_manager_rank_idx. Every change of a manager (edit,
-- transfer, handover, the pool) passes through the customers row, so one trigger keeps the copy equal.
UPDATE "customer_risk" r SET "manager_id" = c."manager_id" FROM "customers" c WHERE c."id" = r."customer_id";
--> statement-breakpoint
CREATE FUNCTION customer_risk_manager() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE customer_risk SET manager_id = NEW.manager_id WHERE customer_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER customer_risk_manager AFTER UPDATE OF "manager_id" ON "customers"
  FOR EACH ROW WHEN (OLD."manager_id" IS DISTINCT FROM NEW."manager_id") EXECUTE FUNCTION customer_risk_manager();

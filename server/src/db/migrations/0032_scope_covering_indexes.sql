DROP INDEX "customers_manager_idx";--> statement-breakpoint
DROP INDEX "opportunities_status_idx";--> statement-breakpoint
DROP INDEX "services_status_idx";--> statement-breakpoint
DROP INDEX "services_created_at_idx";--> statement-breakpoint
CREATE INDEX "customers_manager_idx" ON "customers" USING btree ("manager_id","id","number");--> statement-breakpoint
CREATE INDEX "opportunities_status_idx" ON "opportunities" USING btree ("status","created_at","id","created_by","assignee_id");--> statement-breakpoint
CREATE INDEX "services_status_idx" ON "services" USING btree ("status","created_at","id","customer_id","created_by","assignee_id","handled_by");--> statement-breakpoint
CREATE INDEX "services_created_at_idx" ON "services" USING btree ("created_at","id","customer_id","created_by","assignee_id","handled_by");
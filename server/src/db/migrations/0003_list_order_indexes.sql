DROP INDEX "customers_manager_idx";--> statement-breakpoint
DROP INDEX "opportunities_status_idx";--> statement-breakpoint
DROP INDEX "churn_warnings_status_idx";--> statement-breakpoint
DROP INDEX "services_status_idx";--> statement-breakpoint
DROP INDEX "services_type_idx";--> statement-breakpoint
DROP INDEX "services_created_at_idx";--> statement-breakpoint
CREATE INDEX "opportunities_created_idx" ON "opportunities" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "churn_warnings_created_idx" ON "churn_warnings" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "customers_manager_idx" ON "customers" USING btree ("manager_id","id");--> statement-breakpoint
CREATE INDEX "opportunities_status_idx" ON "opportunities" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "churn_warnings_status_idx" ON "churn_warnings" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "services_status_idx" ON "services" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "services_type_idx" ON "services" USING btree ("type_id","created_at","id");--> statement-breakpoint
CREATE INDEX "services_created_at_idx" ON "services" USING btree ("created_at","id");
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_number_trgm_idx" ON "customers" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "opportunities_customer_name_trgm_idx" ON "opportunities" USING gin ("customer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "opportunities_summary_trgm_idx" ON "opportunities" USING gin ("summary" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "opportunities_contact_name_trgm_idx" ON "opportunities" USING gin ("contact_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "services_summary_trgm_idx" ON "services" USING gin ("summary" gin_trgm_ops);
ALTER TABLE "customers" ADD COLUMN "credit_code" text;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_credit_code_key" ON "customers" USING btree ("credit_code");--> statement-breakpoint
-- hand-written below
-- docs/product.md#customers, rule 11: exporting the customer list, granted to directors and administrators of an
-- existing database as first start grants it (packages/contracts INITIAL_ROLES)
INSERT INTO role_permissions (role_id, permission)
SELECT r.id, 'customer.export' FROM roles r WHERE r.code IN ('admin', 'director')
ON CONFLICT DO NOTHING;

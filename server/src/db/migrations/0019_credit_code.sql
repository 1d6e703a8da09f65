ALTER TABLE "customers" ADD COLUMN "credit_code" text;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_credit_code_key" ON "customers" USING btree ("credit_code");
CREATE TABLE "import_rows" (
	"import_id" integer NOT NULL,
	"row" integer NOT NULL,
	"cells" jsonb NOT NULL,
	"outcome" text,
	"error" text,
	"match_key" text,
	"customer_id" integer,
	"version_after" integer,
	"before" jsonb,
	CONSTRAINT "import_rows_import_id_row_pk" PRIMARY KEY("import_id","row"),
	CONSTRAINT "import_rows_outcome" CHECK ("import_rows"."outcome" in ('created', 'updated', 'skipped', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"entity" text DEFAULT 'customers' NOT NULL,
	"file_name" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"columns" jsonb NOT NULL,
	"header_key" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"mapping_saved" integer DEFAULT 0 NOT NULL,
	"mode" text DEFAULT 'create' NOT NULL,
	"match_on" text DEFAULT 'creditCode' NOT NULL,
	"defaults" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"run_as" jsonb,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "imports_status" CHECK ("imports"."status" in ('uploaded', 'checked', 'running', 'done', 'failed', 'reverted'))
);
--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_rows_key_idx" ON "import_rows" USING btree ("import_id","match_key");--> statement-breakpoint
CREATE INDEX "imports_created_by_idx" ON "imports" USING btree ("created_by","header_key","id");--> statement-breakpoint
CREATE INDEX "imports_running_idx" ON "imports" USING btree ("id") WHERE "imports"."status" = 'running';--> statement-breakpoint
-- hand-written below
-- docs/imports.md, rule 10: importing customers, granted to directors and administrators of an existing database as
-- first start grants it (packages/contracts INITIAL_ROLES)
INSERT INTO role_permissions (role_id, permission)
SELECT r.id, 'customer.import' FROM roles r WHERE r.code IN ('admin', 'director')
ON CONFLICT DO NOTHING;

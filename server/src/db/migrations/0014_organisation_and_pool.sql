CREATE TABLE "department_paths" (
	"ancestor_id" integer NOT NULL,
	"descendant_id" integer NOT NULL,
	"depth" integer NOT NULL,
	CONSTRAINT "department_paths_ancestor_id_descendant_id_pk" PRIMARY KEY("ancestor_id","descendant_id")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_id" integer,
	"leader_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_scopes" (
	"role_id" integer NOT NULL,
	"family" text NOT NULL,
	"scope" text NOT NULL,
	CONSTRAINT "role_scopes_role_id_family_pk" PRIMARY KEY("role_id","family"),
	CONSTRAINT "role_scopes_family_check" CHECK ("role_scopes"."family" in ('customers', 'opportunities', 'services', 'churn')),
	CONSTRAINT "role_scopes_scope_check" CHECK ("role_scopes"."scope" in ('self', 'department', 'departmentTree', 'all'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_pool_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"customer_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"by_id" integer,
	"manager_id" integer,
	"reason" text,
	CONSTRAINT "customer_pool_events_action_check" CHECK ("customer_pool_events"."action" in ('released', 'returned', 'claimed', 'assigned'))
);
--> statement-breakpoint
CREATE TABLE "pool_return_days" (
	"level_id" integer PRIMARY KEY NOT NULL,
	"days" integer NOT NULL,
	CONSTRAINT "pool_return_days_range" CHECK ("pool_return_days"."days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pool_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"daily_claim_limit" integer DEFAULT 10 NOT NULL,
	"max_owned" integer DEFAULT 0 NOT NULL,
	"reclaim_wait_days" integer DEFAULT 30 NOT NULL,
	"warn_days" integer DEFAULT 3 NOT NULL,
	CONSTRAINT "pool_settings_one_row" CHECK ("pool_settings"."id" = 1),
	CONSTRAINT "pool_settings_ranges" CHECK ("pool_settings"."daily_claim_limit" >= 0 and "pool_settings"."max_owned" >= 0 and "pool_settings"."reclaim_wait_days" >= 0 and "pool_settings"."warn_days" >= 0)
);
--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "manager_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "department_id" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "pool_entered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "pool_reason" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "previous_manager_id" integer;--> statement-breakpoint
ALTER TABLE "department_paths" ADD CONSTRAINT "department_paths_ancestor_id_departments_id_fk" FOREIGN KEY ("ancestor_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_paths" ADD CONSTRAINT "department_paths_descendant_id_departments_id_fk" FOREIGN KEY ("descendant_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_scopes" ADD CONSTRAINT "role_scopes_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_pool_events" ADD CONSTRAINT "customer_pool_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_pool_events" ADD CONSTRAINT "customer_pool_events_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_pool_events" ADD CONSTRAINT "customer_pool_events_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_return_days" ADD CONSTRAINT "pool_return_days_level_id_dictionary_entries_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."dictionary_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "department_paths_descendant_idx" ON "department_paths" USING btree ("descendant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_sibling_name_key" ON "departments" USING btree (coalesce("parent_id", 0),lower("name"));--> statement-breakpoint
CREATE INDEX "departments_parent_idx" ON "departments" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_key" ON "notifications" USING btree ("user_id","key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_pool_events_customer_idx" ON "customer_pool_events" USING btree ("customer_id","at");--> statement-breakpoint
CREATE INDEX "customer_pool_events_manager_idx" ON "customer_pool_events" USING btree ("manager_id","action","at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_previous_manager_id_users_id_fk" FOREIGN KEY ("previous_manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_department_idx" ON "users" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "customers_pool_idx" ON "customers" USING btree ("pool_entered_at","id") WHERE "customers"."manager_id" is null;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_pool_check" CHECK (("customers"."manager_id" is null) = ("customers"."pool_entered_at" is not null and "customers"."pool_reason" in ('new', 'released', 'returned')));--> statement-breakpoint
-- Data scopes that keep Part I exactly (docs/organisation.md#data-scope): customers and services every role `all`;
-- opportunities and churn warnings `all` for the built-in roles other than the manager and for any role holding
-- `opportunity.all` / `churn.all`, otherwise `self`.
INSERT INTO "role_scopes" ("role_id", "family", "scope")
SELECT r.id, f.family,
       CASE WHEN f.family IN ('customers', 'services') OR r.code IN ('admin', 'director', 'executive')
              OR EXISTS (SELECT 1 FROM role_permissions rp WHERE rp.role_id = r.id AND rp.permission = f.all_permission)
            THEN 'all' ELSE 'self' END
FROM roles r
CROSS JOIN (VALUES ('customers', 'customer.all'), ('opportunities', 'opportunity.all'), ('services', 'service.all'),
                   ('churn', 'churn.all')) AS f(family, all_permission);--> statement-breakpoint
INSERT INTO "pool_settings" ("id") VALUES (1);
--> statement-breakpoint
-- The new permissions for the built-in roles (packages/contracts/src/permissions.ts, INITIAL_ROLES).
INSERT INTO "role_permissions" ("role_id", "permission")
SELECT r.id, g.permission
FROM roles r
JOIN (VALUES ('admin', 'department.manage'), ('admin', 'user.handover'), ('admin', 'pool.manage'),
             ('director', 'customer.transfer'), ('director', 'pool.manage'), ('director', 'user.handover'),
             ('manager', 'pool.claim')) AS g(code, permission) ON g.code = r.code
ON CONFLICT DO NOTHING;

CREATE TABLE "assignment_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"priority" integer NOT NULL,
	"type_ids" integer[] DEFAULT '{}' NOT NULL,
	"region_ids" integer[] DEFAULT '{}' NOT NULL,
	"level_ids" integer[] DEFAULT '{}' NOT NULL,
	"strategy" text NOT NULL,
	"assignee_ids" integer[] DEFAULT '{}' NOT NULL,
	"rotation" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignment_rules_strategy_check" CHECK ("assignment_rules"."strategy" in ('roundRobin', 'leastOpen', 'customerManager')),
	CONSTRAINT "assignment_rules_priority_check" CHECK ("assignment_rules"."priority" between 1 and 9999)
);
--> statement-breakpoint
CREATE TABLE "service_sla" (
	"type_id" integer PRIMARY KEY NOT NULL,
	"assign_within_hours" double precision,
	"handle_within_hours" double precision,
	CONSTRAINT "service_sla_assign_check" CHECK ("service_sla"."assign_within_hours" > 0 and "service_sla"."assign_within_hours" <= 8760),
	CONSTRAINT "service_sla_handle_check" CHECK ("service_sla"."handle_within_hours" > 0 and "service_sla"."handle_within_hours" <= 8760)
);
--> statement-breakpoint
ALTER TABLE "service_events" ADD COLUMN "rule_id" integer;--> statement-breakpoint
ALTER TABLE "service_events" ADD COLUMN "rule_name" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "assigned_rule_id" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "assigned_rule_name" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "assign_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "handle_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "assign_breach_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "handle_breach_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "service_sla" ADD CONSTRAINT "service_sla_type_id_dictionary_entries_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."dictionary_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignment_rules_order_idx" ON "assignment_rules" USING btree ("priority","id");--> statement-breakpoint
CREATE INDEX "services_assign_due_idx" ON "services" USING btree ("assign_due_at") WHERE "services"."status" = 'new';--> statement-breakpoint
CREATE INDEX "services_handle_due_idx" ON "services" USING btree ("handle_due_at") WHERE "services"."status" in ('new', 'assigned');--> statement-breakpoint
-- hand-written below
-- docs/assignment-rules.md#rules, rule 3: the new permission for the built-in roles of an existing database
-- (packages/contracts/src/permissions.ts, INITIAL_ROLES; a fresh database gets it from the first-start seed).
INSERT INTO "role_permissions" ("role_id", "permission")
SELECT r.id, 'service.rules' FROM roles r WHERE r.code IN ('admin', 'director')
ON CONFLICT DO NOTHING;

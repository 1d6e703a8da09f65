CREATE TABLE "opportunity_stage_moves" (
	"id" serial PRIMARY KEY NOT NULL,
	"opportunity_id" integer NOT NULL,
	"from_stage_id" integer,
	"to_stage_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "expected_amount" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "expected_close_date" date;--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "stage_id" integer;--> statement-breakpoint
ALTER TABLE "opportunity_stage_moves" ADD CONSTRAINT "opportunity_stage_moves_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_moves" ADD CONSTRAINT "opportunity_stage_moves_from_stage_id_dictionary_entries_id_fk" FOREIGN KEY ("from_stage_id") REFERENCES "public"."dictionary_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_moves" ADD CONSTRAINT "opportunity_stage_moves_to_stage_id_dictionary_entries_id_fk" FOREIGN KEY ("to_stage_id") REFERENCES "public"."dictionary_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_moves" ADD CONSTRAINT "opportunity_stage_moves_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opportunity_stage_moves_opportunity_idx" ON "opportunity_stage_moves" USING btree ("opportunity_id","at","id");--> statement-breakpoint
CREATE INDEX "opportunity_stage_moves_from_idx" ON "opportunity_stage_moves" USING btree ("from_stage_id");--> statement-breakpoint
CREATE INDEX "opportunity_stage_moves_to_idx" ON "opportunity_stage_moves" USING btree ("to_stage_id");--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_stage_id_dictionary_entries_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."dictionary_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opportunities_board_idx" ON "opportunities" USING btree ("stage_id","expected_close_date","id") WHERE "opportunities"."status" = 'assigned';--> statement-breakpoint
CREATE INDEX "opportunities_stage_idx" ON "opportunities" USING btree ("stage_id");--> statement-breakpoint
CREATE INDEX "opportunities_forecast_idx" ON "opportunities" USING btree ("expected_close_date") WHERE "opportunities"."status" in ('unassigned', 'assigned');--> statement-breakpoint
CREATE INDEX "opportunities_closed_idx" ON "opportunities" USING btree ("closed_at") WHERE "opportunities"."status" in ('succeeded', 'failed');--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_expected_amount_check" CHECK ("opportunities"."expected_amount" is null or "opportunities"."expected_amount" >= 0);--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_stage_check" CHECK ("opportunities"."stage_id" is null or "opportunities"."status" <> 'unassigned');--> statement-breakpoint
-- hand-written below
-- docs/pipeline.md#stages, rule 1: the four initial stages, ordered by their value.
INSERT INTO "dictionary_entries" ("type", "item", "value", "editable")
VALUES ('opportunityStage', '初步接触', '1', true), ('opportunityStage', '需求确认', '2', true),
       ('opportunityStage', '方案报价', '3', true), ('opportunityStage', '商务谈判', '4', true)
ON CONFLICT ("type", "item") DO NOTHING;
--> statement-breakpoint
-- docs/pipeline.md#existing-opportunities: an assigned opportunity starts at the first stage, a won one reached the
-- last; a closed one's expected close date is the day it closed. Amounts stay unknown (null) until someone enters them.
UPDATE "opportunities" o
SET "stage_id" = (SELECT d.id FROM dictionary_entries d WHERE d.type = 'opportunityStage'
                  ORDER BY CASE WHEN o.status = 'succeeded' THEN -d.value::int ELSE d.value::int END LIMIT 1)
WHERE o.status IN ('assigned', 'succeeded') AND o.stage_id IS NULL;
--> statement-breakpoint
UPDATE "opportunities" SET "expected_close_date" = ("closed_at" AT TIME ZONE current_setting('TimeZone'))::date
WHERE "status" IN ('succeeded', 'failed') AND "closed_at" IS NOT NULL AND "expected_close_date" IS NULL;

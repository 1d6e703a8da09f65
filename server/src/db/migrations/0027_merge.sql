CREATE TABLE "customer_number_aliases" (
	"number" text PRIMARY KEY NOT NULL,
	"customer_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duplicate_group_members" (
	"group_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	CONSTRAINT "duplicate_group_members_group_id_customer_id_pk" PRIMARY KEY("group_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "duplicate_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"key" text NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	CONSTRAINT "duplicate_groups_reason_check" CHECK ("duplicate_groups"."reason" in ('creditCode', 'name', 'phone'))
);
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_status_check";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "customer_number_aliases" ADD CONSTRAINT "customer_number_aliases_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_group_members" ADD CONSTRAINT "duplicate_group_members_group_id_duplicate_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."duplicate_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_group_members" ADD CONSTRAINT "duplicate_group_members_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_number_aliases_customer_idx" ON "customer_number_aliases" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "duplicate_group_members_customer_idx" ON "duplicate_group_members" USING btree ("customer_id");--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_merged_into_id_customers_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_merged_check" CHECK (("customers"."status" = 'merged') = ("customers"."merged_into_id" is not null));--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_status_check" CHECK ("customers"."status" in ('normal', 'lost', 'merged'));--> statement-breakpoint
-- hand-written below
-- docs/duplicates-and-merge.md, rule 1: a customer's name normalised for the duplicate search — full-width forms as
-- half-width, lower case, legal-form words (longest first) removed, then brackets, spaces and punctuation removed
CREATE FUNCTION crm_name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(
    regexp_replace(
      lower(translate(name, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')),
      '(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司|\mco\M\.?,?|\mcorp(oration)?\M\.?|\mltd\M\.?|\mlimited\M|\minc\M\.?|\mllc\M\.?)', '', 'g'),
    '[[:space:][:punct:]（）【】〔〕《》「」『』〈〉、，。·・]+', '', 'g')
$$;--> statement-breakpoint
ALTER TABLE customers ADD COLUMN name_key text GENERATED ALWAYS AS (crm_name_key(name)) STORED;--> statement-breakpoint
CREATE INDEX customers_name_key_trgm_idx ON customers USING gin (name_key gin_trgm_ops);--> statement-breakpoint
-- docs/duplicates-and-merge.md, rule 9: merging customers, granted to directors and administrators of an existing
-- database as first start grants it (packages/contracts INITIAL_ROLES)
INSERT INTO role_permissions (role_id, permission)
SELECT r.id, 'customer.merge' FROM roles r WHERE r.code IN ('admin', 'director')
ON CONFLICT DO NOTHING;

-- hand-written below
-- Global search (docs/search.md). The columns below are not in the Drizzle schema (like customers.name_grams of
-- 0004): no answer or audit record shows them.
--
-- Pinyin of customer and contact names: `name_pinyin` (full pinyin, no tones, no spaces) and `name_initials` (the
-- first letter of each syllable), each the readings of the name separated by a space (docs/search.md#pinyin). They
-- are computed in JavaScript with pinyin-pro (server/src/platform/pinyin.ts), which SQL cannot do, so this migration
-- leaves them null and the server fills every null one after start, in batches (modules/search/pinyin-fill.ts,
-- docs/search.md#pinyin, rule 4); the writes of the customers module set them in the same transaction.
ALTER TABLE "customers" ADD COLUMN "name_pinyin" text, ADD COLUMN "name_initials" text,
  ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (nullif(regexp_replace(coalesce("phone", ''), '[^0-9]', '', 'g'), '')) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "name_pinyin" text, ADD COLUMN "name_initials" text,
  ADD COLUMN "name_grams" text[] GENERATED ALWAYS AS (crm_short_grams("name")) STORED,
  ADD COLUMN "phone_digits" text GENERATED ALWAYS AS (nullif(btrim(
    regexp_replace(coalesce("office_phone", ''), '[^0-9]', '', 'g') || ' ' ||
    regexp_replace(coalesce("mobile", ''), '[^0-9]', '', 'g')), '')) STORED;--> statement-breakpoint
-- one- and two-character parts of opportunity and service texts (crm_short_grams, 0004)
ALTER TABLE "opportunities" ADD COLUMN "search_grams" text[]
  GENERATED ALWAYS AS (crm_short_grams("customer_name") || crm_short_grams("summary")) STORED;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "summary_grams" text[] GENERATED ALWAYS AS (crm_short_grams("summary")) STORED;--> statement-breakpoint
-- A name changed by a statement that does not also set its pinyin (a write path that forgot, a bulk update) makes the
-- pinyin null, so it is never stale: the fill job computes it again (docs/search.md#pinyin, rule 3).
CREATE FUNCTION crm_name_pinyin_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name AND NEW.name_pinyin IS NOT DISTINCT FROM OLD.name_pinyin THEN
    NEW.name_pinyin := NULL;
    NEW.name_initials := NULL;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "customers_name_pinyin_stale" BEFORE UPDATE OF "name" ON "customers"
  FOR EACH ROW EXECUTE FUNCTION crm_name_pinyin_stale();--> statement-breakpoint
CREATE TRIGGER "contacts_name_pinyin_stale" BEFORE UPDATE OF "name" ON "contacts"
  FOR EACH ROW EXECUTE FUNCTION crm_name_pinyin_stale();--> statement-breakpoint
-- prefixes (a name, a number, the first reading's pinyin or initials), read in order with a limit: the C collation
-- orders by code point, so that `like 'abc%'` is a range of the index and its first rows the shortest matches
CREATE INDEX "customers_name_prefix_idx" ON "customers" ((lower("name") COLLATE "C"));--> statement-breakpoint
CREATE INDEX "customers_number_prefix_idx" ON "customers" ((lower("number") COLLATE "C"));--> statement-breakpoint
CREATE INDEX "customers_pinyin_prefix_idx" ON "customers" (("name_pinyin" COLLATE "C"));--> statement-breakpoint
CREATE INDEX "customers_initials_prefix_idx" ON "customers" (("name_initials" COLLATE "C"));--> statement-breakpoint
CREATE INDEX "contacts_name_prefix_idx" ON "contacts" ((lower("name") COLLATE "C"));--> statement-breakpoint
CREATE INDEX "contacts_pinyin_prefix_idx" ON "contacts" (("name_pinyin" COLLATE "C"));--> statement-breakpoint
CREATE INDEX "contacts_initials_prefix_idx" ON "contacts" (("name_initials" COLLATE "C"));--> statement-breakpoint
CREATE INDEX "opportunities_customer_name_prefix_idx" ON "opportunities" ((lower("customer_name") COLLATE "C"));--> statement-breakpoint
CREATE INDEX "services_number_prefix_idx" ON "services" ((lower("number") COLLATE "C"));--> statement-breakpoint
-- parts (three characters or more: trigrams; one or two: the short grams)
CREATE INDEX "customers_pinyin_trgm_idx" ON "customers" USING gin ("name_pinyin" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_initials_trgm_idx" ON "customers" USING gin ("name_initials" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_phone_digits_trgm_idx" ON "customers" USING gin ("phone_digits" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_name_grams_idx" ON "contacts" USING gin ("name_grams");--> statement-breakpoint
CREATE INDEX "contacts_pinyin_trgm_idx" ON "contacts" USING gin ("name_pinyin" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_initials_trgm_idx" ON "contacts" USING gin ("name_initials" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_phone_digits_trgm_idx" ON "contacts" USING gin ("phone_digits" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "opportunities_search_grams_idx" ON "opportunities" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "services_summary_grams_idx" ON "services" USING gin ("summary_grams");--> statement-breakpoint
-- the rows whose pinyin is still to be computed (empty once the fill job has run)
CREATE INDEX "customers_pinyin_missing_idx" ON "customers" ("id") WHERE "name_pinyin" IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_pinyin_missing_idx" ON "contacts" ("id") WHERE "name_pinyin" IS NULL;
-- Credit code (统一社会信用代码): when customers gain `credit_code` (issue 18), its exact match and prefix belong here
-- as a btree index on (upper(credit_code) COLLATE "C"), and in modules/search/repo.ts (customerMatches).

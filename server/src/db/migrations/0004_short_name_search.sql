-- Part-of-name search of one or two characters (a Chinese name's usual search: two characters have no complete
-- trigram, so customers_name_trgm_idx cannot serve them). crm_short_grams: every 1- and 2-character piece of the
-- lower-cased text (ILIKE compares lower-cased texts). It is stored in a generated column, which the Drizzle schema
-- does not list (no answer or audit record shows it), so that a filter on it costs an array test, not a call of the
-- function per row; server/src/db/search.ts uses it.
CREATE FUNCTION crm_short_grams(t text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  l text := lower(t);
  g text[] := string_to_array(l, NULL);
BEGIN
  FOR i IN 1 .. char_length(l) - 1 LOOP
    g := g || substr(l, i, 2);
  END LOOP;
  RETURN g;
END
$$;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "name_grams" text[] GENERATED ALWAYS AS (crm_short_grams("name")) STORED;--> statement-breakpoint
CREATE INDEX "customers_name_grams_idx" ON "customers" USING gin ("name_grams");

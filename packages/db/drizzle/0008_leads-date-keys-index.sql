-- The month-days of a lead's date attributes, as `attribute:MM-DD` (a string that starts
-- `YYYY-MM-DD`; anything else is no date), so a date entry (birthday, renewal) finds the leads
-- whose day may come round through a GIN index instead of reading every lead each minute.
-- Attributes that are not an object carry no dates.
CREATE OR REPLACE FUNCTION rumbo_date_keys(attrs jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT COALESCE(array_agg(e.key || ':' || substr(e.value, 6, 5)), '{}'::text[])
  FROM jsonb_each_text(CASE WHEN jsonb_typeof(attrs) = 'object' THEN attrs ELSE '{}'::jsonb END) AS e
  WHERE e.value ~ '^\d{4}-\d{2}-\d{2}'
$$;
--> statement-breakpoint
CREATE INDEX "leads_date_keys_idx" ON "leads" USING gin (rumbo_date_keys("attributes"));
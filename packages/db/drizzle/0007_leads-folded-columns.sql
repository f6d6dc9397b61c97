-- Segment rules compare text case- and accent-insensitively by one table (packages/flow
-- src/segment/text-fold.ts, FOLD_FROM → FOLD_TO; an integration test checks both agree). Folding
-- once at write time, into stored generated columns, spares every segment count a per-row fold.
CREATE OR REPLACE FUNCTION rumbo_fold_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÇçÑÝýÿ', 'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuuccñyyy')
$$;
--> statement-breakpoint
-- The attributes as string rules read them: strings folded, objects walked, every other value
-- dropped (a string rule treats it as not set) — except, at the top level, a dotted key, which
-- stays (as JSON null) because an exact top-level key shadows the nested path it spells.
CREATE OR REPLACE FUNCTION rumbo_fold_attributes(j jsonb, top boolean) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  IF jsonb_typeof(j) <> 'object' THEN
    RETURN '{}'::jsonb;
  END IF;
  RETURN COALESCE(
    (SELECT jsonb_object_agg(e.key, CASE jsonb_typeof(e.value)
        WHEN 'string' THEN to_jsonb(rumbo_fold_text(e.value #>> '{}'))
        WHEN 'object' THEN rumbo_fold_attributes(e.value, false)
      END)
     FROM jsonb_each(j) AS e
     WHERE jsonb_typeof(e.value) IN ('string', 'object') OR (top AND strpos(e.key, '.') > 0)),
    '{}'::jsonb);
END
$$;
--> statement-breakpoint
-- One ALTER, so an existing leads table is rewritten once, not three times.
ALTER TABLE "leads"
  ADD COLUMN "name_folded" text GENERATED ALWAYS AS (rumbo_fold_text(name)) STORED,
  ADD COLUMN "email_folded" text GENERATED ALWAYS AS (rumbo_fold_text(email)) STORED,
  ADD COLUMN "attributes_folded" jsonb GENERATED ALWAYS AS (rumbo_fold_attributes(attributes, true)) STORED;

-- Folding the attributes by walking them in plpgsql (jsonb_each, one rumbo_fold_text call per
-- string, translate() scanning its 78-character table for every character) cost ~130 µs a lead
-- and made bulk inserts several times slower. Both folds now take lower(… COLLATE "C") — exactly
-- A–Z in every locale — and run translate() only on text that is not pure ASCII, with the table
-- left after A–Z (packages/flow src/segment/text-fold.ts; an integration test checks both agree).
CREATE OR REPLACE FUNCTION rumbo_fold_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN octet_length(t) = char_length(t) THEN lower(t COLLATE "C")
    ELSE translate(lower(t COLLATE "C"), 'áéíóúÁÉÍÓÚüÜÀÂÃÄÅàâãäåÈÊËèêëÌÎÏìîïÒÔÕÖòôõöÙÛùûÇçÑÝýÿ', 'aeiouaeiouuuaaaaaaaaaaeeeeeeiiiiiioooooooouuuuccñyyy') END
$$;
--> statement-breakpoint
-- The attributes' whole JSON text folded at once and parsed back: string values and keys fold
-- (a string rule looks its path up folded), numbers, booleans and nulls print unchanged (string
-- rules check the JSON type). Keys that fold alike (`pais`, `País`) collapse to one; jsonb keeps
-- the last in its text, i.e. the original key that is longest in UTF-8, then greatest byte-wise
-- (the in-memory predicate applies the same rule). `top` is kept for the column's expression.
CREATE OR REPLACE FUNCTION rumbo_fold_attributes(j jsonb, top boolean) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(j) <> 'object' THEN '{}'::jsonb
    WHEN octet_length(j::text) = char_length(j::text) THEN lower(j::text COLLATE "C")::jsonb
    ELSE translate(lower(j::text COLLATE "C"), 'áéíóúÁÉÍÓÚüÜÀÂÃÄÅàâãäåÈÊËèêëÌÎÏìîïÒÔÕÖòôõöÙÛùûÇçÑÝýÿ', 'aeiouaeiouuuaaaaaaaaaaeeeeeeiiiiiioooooooouuuuccñyyy')::jsonb END
$$;
--> statement-breakpoint
-- Stored generated columns are computed again when their row is updated: existing leads get the
-- new shape of attributes_folded (names and emails fold as before).
UPDATE leads SET attributes = attributes;

-- 0009's fold functions, no longer STRICT: PostgreSQL inlines a SQL function into the generated
-- column's expression only when it is not STRICT (its CASE body is not strict), and the inlined
-- fold halves the insert cost again (no SQL-function call per row). NULL still folds to NULL:
-- every branch passes NULL through. Same results, so no lead needs recomputing.
CREATE OR REPLACE FUNCTION rumbo_fold_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN octet_length(t) = char_length(t) THEN lower(t COLLATE "C")
    ELSE translate(lower(t COLLATE "C"), 'áéíóúÁÉÍÓÚüÜÀÂÃÄÅàâãäåÈÊËèêëÌÎÏìîïÒÔÕÖòôõöÙÛùûÇçÑÝýÿ', 'aeiouaeiouuuaaaaaaaaaaeeeeeeiiiiiioooooooouuuuccñyyy') END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rumbo_fold_attributes(j jsonb, top boolean) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(j) <> 'object' THEN '{}'::jsonb
    WHEN octet_length(j::text) = char_length(j::text) THEN lower(j::text COLLATE "C")::jsonb
    ELSE translate(lower(j::text COLLATE "C"), 'áéíóúÁÉÍÓÚüÜÀÂÃÄÅàâãäåÈÊËèêëÌÎÏìîïÒÔÕÖòôõöÙÛùûÇçÑÝýÿ', 'aeiouaeiouuuaaaaaaaaaaeeeeeeiiiiiioooooooouuuuccñyyy')::jsonb END
$$;

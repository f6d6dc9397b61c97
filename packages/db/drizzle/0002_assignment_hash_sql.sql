-- The shared assignment hash of packages/flow (src/hash/hash.ts) in SQL, so enrollment can draw
-- the control group inside one INSERT … SELECT and agree with `inControlGroup` lead by lead:
-- FNV-1a over the UTF-8 bytes, finished with murmur3's fmix32. All arithmetic stays below 2^63.
CREATE OR REPLACE FUNCTION rumbo_mul32(a bigint, b bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ((a * (b & 65535)) + (((a * (b >> 16)) & 65535) << 16)) & 4294967295
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rumbo_hash_continue(state bigint, key text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  h bigint := state & 4294967295;
  bytes bytea := convert_to(key, 'UTF8');
BEGIN
  FOR i IN 0 .. length(bytes) - 1 LOOP
    h := ((h # get_byte(bytes, i)) * 16777619) & 4294967295;
  END LOOP;
  RETURN h;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION rumbo_hash_finish(state bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  h bigint := state & 4294967295;
BEGIN
  h := h # (h >> 16);
  h := rumbo_mul32(h, 2246822507);
  h := h # (h >> 13);
  h := rumbo_mul32(h, 3266489909);
  h := h # (h >> 16);
  RETURN h;
END
$$;
--> statement-breakpoint
-- `hashFraction(hashFinish(hashContinue(prefix, key)))`: the prefix (`hashStart(...)`, unsigned) comes from the caller.
CREATE OR REPLACE FUNCTION rumbo_hash_fraction(prefix bigint, key text) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT rumbo_hash_finish(rumbo_hash_continue(prefix, key))::double precision / 4294967296.0
$$;

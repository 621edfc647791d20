-- RunEvals series packed (lib/db/eval-columns.ts): steps as little-endian
-- Int32, times and metrics as little-endian Float64, NaN kept. An upload then
-- sends bytes that PostgreSQL copies instead of ~1M numbers it parses from
-- array text (docs/performance.md). Existing rows, and the rows kept in
-- RunEvalsHistory (to_jsonb of a deleted row, read back by the pinned reads of
-- lib/db/history-sql.ts), are converted in place. The migration runner splits
-- scripts at every semicolon: none inside a statement or a comment here.

-- int4send and float8send are big-endian: the bytes of each element are reversed.
CREATE FUNCTION "algoperf_pack_int4"(a int[]) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(string_agg(substr(b, 4, 1) || substr(b, 3, 1) || substr(b, 2, 1) || substr(b, 1, 1), ''::bytea ORDER BY i), ''::bytea)
  FROM unnest(a) WITH ORDINALITY AS t(x, i), LATERAL (SELECT int4send(x) AS b) s
$$;
CREATE FUNCTION "algoperf_pack_float8"(a float8[]) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(string_agg(substr(b, 8, 1) || substr(b, 7, 1) || substr(b, 6, 1) || substr(b, 5, 1)
                          || substr(b, 4, 1) || substr(b, 3, 1) || substr(b, 2, 1) || substr(b, 1, 1), ''::bytea ORDER BY i), ''::bytea)
  FROM unnest(a) WITH ORDINALITY AS t(x, i), LATERAL (SELECT float8send(x) AS b) s
$$;

-- The view of RunEvals for pinned reads (lib/db/history-sql.ts) depends on the
-- columns: dropped here, rebuilt from the new columns by ensureHistory after
-- the migrations (lib/db/migrate.ts).
DROP VIEW IF EXISTS "algoperf_at"."RunEvals";

-- AlterTable
ALTER TABLE "RunEvals"
  ALTER COLUMN "steps" TYPE BYTEA USING "algoperf_pack_int4"("steps"),
  ALTER COLUMN "times" TYPE BYTEA USING "algoperf_pack_float8"("times"),
  ALTER COLUMN "metrics" TYPE BYTEA USING "algoperf_pack_float8"("metrics"),
  -- The lists of Prisma were nullable columns: a packed series is required (an empty one is empty bytes).
  ALTER COLUMN "steps" SET NOT NULL,
  ALTER COLUMN "times" SET NOT NULL,
  ALTER COLUMN "metrics" SET NOT NULL;

-- History rows: JSON arrays (NaN as "NaN") -> the JSON text of the bytea ("\x…").
UPDATE "RunEvalsHistory" SET "row" = "row" || jsonb_build_object(
  'steps', to_jsonb("algoperf_pack_int4"(ARRAY(SELECT v::int FROM jsonb_array_elements_text("row"->'steps') WITH ORDINALITY AS e(v, i) ORDER BY i))),
  'times', to_jsonb("algoperf_pack_float8"(ARRAY(SELECT v::float8 FROM jsonb_array_elements_text("row"->'times') WITH ORDINALITY AS e(v, i) ORDER BY i))),
  'metrics', to_jsonb("algoperf_pack_float8"(ARRAY(SELECT v::float8 FROM jsonb_array_elements_text("row"->'metrics') WITH ORDINALITY AS e(v, i) ORDER BY i))))
WHERE jsonb_typeof("row"->'steps') = 'array';

DROP FUNCTION "algoperf_pack_int4"(int[]);
DROP FUNCTION "algoperf_pack_float8"(float8[]);

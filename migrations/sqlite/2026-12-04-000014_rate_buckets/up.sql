-- The rate limits' token buckets (persistence/src/rate_buckets.rs), in the database so
-- that every instance of the service counts against the same bucket: one per client
-- address for signing in, one per account for writes. A bucket untouched for a day is
-- full again and is dropped.
CREATE TABLE rate_buckets (
    bucket TEXT PRIMARY KEY NOT NULL,
    tokens REAL NOT NULL,
    -- Unix milliseconds of the last take.
    at_ms BIGINT NOT NULL
);
CREATE INDEX rate_buckets_at ON rate_buckets (at_ms);

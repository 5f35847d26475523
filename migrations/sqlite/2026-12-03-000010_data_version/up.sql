-- The data version: how many write transactions have committed. `Store::write` adds one
-- inside every write (with the audit chain's lock), so a public read computed at version N
-- is still the right answer while the version is N, in this process or any other.
ALTER TABLE audit_head ADD COLUMN data_version BIGINT NOT NULL DEFAULT 0;

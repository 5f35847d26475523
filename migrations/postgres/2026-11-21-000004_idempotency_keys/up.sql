-- A create sent with `Idempotency-Key` is stored once: the first request reserves the
-- key (status NULL while it runs) and records its answer, which a retry with the same
-- key and the same request gets back instead of a second create. Keys live 24 hours.
CREATE TABLE idempotency_keys (
    account_id BIGINT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    location TEXT,
    etag TEXT,
    body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

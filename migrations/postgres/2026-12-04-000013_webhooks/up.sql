-- Webhook subscriptions and their outbox (persistence/src/webhooks.rs). The deliveries
-- are written by the write that makes the change, in its transaction (`changes::collect`
-- fans each new change out to the subscriptions it matches), so no change commits
-- without its deliveries and none is delivered before it commits. Any instance's worker
-- may send a delivery: it holds it by a lease, so that one sends it at a time.

CREATE TABLE webhooks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url TEXT NOT NULL,
    -- The change types it wants, comma-separated; empty for every type.
    types TEXT NOT NULL,
    -- Only changes under this unit (on the latest map); every change when NULL.
    unit_id BIGINT REFERENCES units (id),
    -- Who created it (a username, as the audit trail names callers).
    owner TEXT NOT NULL,
    secret TEXT NOT NULL,
    -- After a rotation, the secret before it, which still signs until previous_until (ms).
    previous_secret TEXT,
    previous_until BIGINT,
    -- The last change judged for it: the outbox looks at the changes after it.
    seen_change BIGINT NOT NULL,
    disabled_at TEXT,
    disabled_reason TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE webhook_deliveries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id BIGINT NOT NULL REFERENCES webhooks (id),
    change_id BIGINT NOT NULL REFERENCES changes (id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    -- Unix milliseconds.
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT,
    last_attempt_at TEXT,
    last_status INTEGER,
    last_error TEXT,
    UNIQUE (webhook_id, change_id)
);
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (webhook_id, state, id);

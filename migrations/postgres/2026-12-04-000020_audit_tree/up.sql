-- The audit log's Merkle tree kept as its right edge (dantin_domain::merkle::Frontier): the
-- roots of its perfect subtrees, 32 bytes each, over its first tree_size events. Each event
-- is pushed in the transaction that appends it, so a checkpoint costs O(log n) hashes, not a
-- pass over the log. NULL until `Store::migrate` has built it from the events stored before.
ALTER TABLE audit_head ADD COLUMN tree_size BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_head ADD COLUMN tree BYTEA;

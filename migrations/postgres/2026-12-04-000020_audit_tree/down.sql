-- Undoes the audit log's kept tree.
ALTER TABLE audit_head DROP COLUMN tree;
ALTER TABLE audit_head DROP COLUMN tree_size;

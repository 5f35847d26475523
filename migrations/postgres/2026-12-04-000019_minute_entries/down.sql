DROP TABLE minute_entries;
ALTER TABLE users DROP COLUMN coordinator;
UPDATE rule_sets SET rules_json = (rules_json::jsonb - 'double_entry')::text;
UPDATE rule_set_versions SET rules_json = (rules_json::jsonb - 'double_entry')::text;

DROP TABLE minute_entries;
ALTER TABLE users DROP COLUMN coordinator;
UPDATE rule_sets SET rules_json = json_remove(rules_json, '$.double_entry');
UPDATE rule_set_versions SET rules_json = json_remove(rules_json, '$.double_entry');

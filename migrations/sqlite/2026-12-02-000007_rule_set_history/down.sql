DROP TABLE rule_set_versions;

-- Undoes party organisations over time (their transaction time stays).
DROP TRIGGER party_org_versions_known ON party_org_versions;
DROP FUNCTION party_org_versions_known();
DROP TABLE party_org_versions_history;
DROP TABLE party_org_versions;
ALTER TABLE party_orgs_history DROP COLUMN valid_from, DROP COLUMN valid_to;
ALTER TABLE party_orgs DISABLE TRIGGER party_orgs_known;
ALTER TABLE party_orgs DROP COLUMN valid_from, DROP COLUMN valid_to;
ALTER TABLE party_orgs ENABLE TRIGGER party_orgs_known;

-- Party organisations over time (rule 22), as units: an organisation keeps its id
-- forever and has a life (party_orgs.valid_from, valid_to); its name, superior and unit
-- are versions in valid time (party_org_versions), covering its life without gap or
-- overlap; party_orgs' own columns hold its latest version. A reorganisation ends the
-- organisations of the units it ends and moves the cells whose committee ends
-- (dantin_domain::party_org_plan). An organisation stored before this migration lives as
-- long as its unit. Both tables keep transaction time (migration known_time).

ALTER TABLE party_orgs DISABLE TRIGGER party_orgs_known;
ALTER TABLE party_orgs ADD COLUMN valid_from DATE NOT NULL DEFAULT '2000-01-01', ADD COLUMN valid_to DATE;
UPDATE party_orgs p SET valid_from = u.valid_from FROM units u WHERE u.id = p.unit_id;
ALTER TABLE party_orgs ENABLE TRIGGER party_orgs_known;
ALTER TABLE party_orgs_history RENAME TO party_orgs_history_before;
CREATE TABLE party_orgs_history (LIKE party_orgs);
ALTER TABLE party_orgs_history ADD COLUMN superseded_at TIMESTAMP NOT NULL;
INSERT INTO party_orgs_history
SELECT id, name, kind, parent_id, unit_id, version, created_at, updated_at, recorded_at, DATE '2000-01-01', NULL, superseded_at FROM party_orgs_history_before;
DROP TABLE party_orgs_history_before;
CREATE INDEX party_orgs_history_id ON party_orgs_history (id, superseded_at);

CREATE TABLE party_org_versions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES party_orgs (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    name TEXT NOT NULL,
    parent_id BIGINT REFERENCES party_orgs (id),
    unit_id BIGINT REFERENCES units (id),
    -- The reorganisation that began this version; none for an organisation's first.
    reorganization_id BIGINT REFERENCES reorganizations (id),
    recorded_at TIMESTAMP NOT NULL DEFAULT known_now(),
    -- Mirrors dantin_domain::validity::Validity::new (valid_to_after_valid_from).
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX party_org_versions_org ON party_org_versions (org_id, valid_from);
CREATE INDEX party_org_versions_parent ON party_org_versions (parent_id, valid_from);
CREATE INDEX party_org_versions_unit ON party_org_versions (unit_id, valid_from);
INSERT INTO party_org_versions (org_id, valid_from, valid_to, name, parent_id, unit_id)
SELECT id, valid_from, valid_to, name, parent_id, unit_id FROM party_orgs;

CREATE TABLE party_org_versions_history (LIKE party_org_versions);
ALTER TABLE party_org_versions_history ADD COLUMN superseded_at TIMESTAMP NOT NULL;
CREATE INDEX party_org_versions_history_id ON party_org_versions_history (id, superseded_at);
CREATE FUNCTION party_org_versions_known() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO party_org_versions_history SELECT OLD.*, known_now();
    IF TG_OP = 'UPDATE' THEN
        NEW.recorded_at := known_now();
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER party_org_versions_known BEFORE UPDATE OR DELETE ON party_org_versions
FOR EACH ROW EXECUTE FUNCTION party_org_versions_known();

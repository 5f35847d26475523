-- Party organisations over time (rule 22), as units: an organisation keeps its id
-- forever and has a life (party_orgs.valid_from, valid_to); its name, superior and unit
-- are versions in valid time (party_org_versions), covering its life without gap or
-- overlap; party_orgs' own columns hold its latest version. A reorganisation ends the
-- organisations of the units it ends and moves the cells whose committee ends
-- (dantin_domain::party_org_plan). An organisation stored before this migration lives as
-- long as its unit. Both tables keep transaction time (migration known_time).

DROP TRIGGER party_orgs_updated;
DROP TRIGGER party_orgs_deleted;
ALTER TABLE party_orgs ADD COLUMN valid_from DATE NOT NULL DEFAULT '2000-01-01';
ALTER TABLE party_orgs ADD COLUMN valid_to DATE;
UPDATE party_orgs SET valid_from = COALESCE(
    (SELECT u.valid_from FROM units u WHERE u.id = party_orgs.unit_id), '2000-01-01');
ALTER TABLE party_orgs_history RENAME TO party_orgs_history_before;
CREATE TABLE party_orgs_history AS SELECT id, name, kind, parent_id, unit_id, version, created_at, updated_at, recorded_at, valid_from, valid_to, recorded_at AS superseded_at FROM party_orgs WHERE 0;
INSERT INTO party_orgs_history
SELECT id, name, kind, parent_id, unit_id, version, created_at, updated_at, recorded_at, '2000-01-01', NULL, superseded_at FROM party_orgs_history_before;
DROP TABLE party_orgs_history_before;
CREATE INDEX party_orgs_history_id ON party_orgs_history (id, superseded_at);
CREATE TRIGGER party_orgs_updated AFTER UPDATE ON party_orgs WHEN OLD.recorded_at = NEW.recorded_at BEGIN
    INSERT INTO party_orgs_history (id, name, kind, parent_id, unit_id, version, created_at, updated_at, recorded_at, valid_from, valid_to, superseded_at) VALUES (OLD.id, OLD.name, OLD.kind, OLD.parent_id, OLD.unit_id, OLD.version, OLD.created_at, OLD.updated_at, OLD.recorded_at, OLD.valid_from, OLD.valid_to, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    UPDATE party_orgs SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER party_orgs_deleted AFTER DELETE ON party_orgs BEGIN
    INSERT INTO party_orgs_history (id, name, kind, parent_id, unit_id, version, created_at, updated_at, recorded_at, valid_from, valid_to, superseded_at) VALUES (OLD.id, OLD.name, OLD.kind, OLD.parent_id, OLD.unit_id, OLD.version, OLD.created_at, OLD.updated_at, OLD.recorded_at, OLD.valid_from, OLD.valid_to, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

CREATE TABLE party_org_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES party_orgs (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    name TEXT NOT NULL,
    parent_id BIGINT REFERENCES party_orgs (id),
    unit_id BIGINT REFERENCES units (id),
    -- The reorganisation that began this version; none for an organisation's first.
    reorganization_id BIGINT REFERENCES reorganizations (id),
    recorded_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    -- Mirrors dantin_domain::validity::Validity::new (valid_to_after_valid_from).
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX party_org_versions_org ON party_org_versions (org_id, valid_from);
CREATE INDEX party_org_versions_parent ON party_org_versions (parent_id, valid_from);
CREATE INDEX party_org_versions_unit ON party_org_versions (unit_id, valid_from);
INSERT INTO party_org_versions (org_id, valid_from, valid_to, name, parent_id, unit_id)
SELECT id, valid_from, valid_to, name, parent_id, unit_id FROM party_orgs;

CREATE TABLE party_org_versions_history AS SELECT id, org_id, valid_from, valid_to, name, parent_id, unit_id, reorganization_id, recorded_at, recorded_at AS superseded_at FROM party_org_versions WHERE 0;
CREATE INDEX party_org_versions_history_id ON party_org_versions_history (id, superseded_at);
CREATE TRIGGER party_org_versions_updated AFTER UPDATE ON party_org_versions WHEN OLD.recorded_at = NEW.recorded_at BEGIN
    INSERT INTO party_org_versions_history (id, org_id, valid_from, valid_to, name, parent_id, unit_id, reorganization_id, recorded_at, superseded_at) VALUES (OLD.id, OLD.org_id, OLD.valid_from, OLD.valid_to, OLD.name, OLD.parent_id, OLD.unit_id, OLD.reorganization_id, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    UPDATE party_org_versions SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER party_org_versions_deleted AFTER DELETE ON party_org_versions BEGIN
    INSERT INTO party_org_versions_history (id, org_id, valid_from, valid_to, name, parent_id, unit_id, reorganization_id, recorded_at, superseded_at) VALUES (OLD.id, OLD.org_id, OLD.valid_from, OLD.valid_to, OLD.name, OLD.parent_id, OLD.unit_id, OLD.reorganization_id, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

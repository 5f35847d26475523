-- Undoes party organisations over time (their transaction time stays).
DROP TRIGGER party_org_versions_updated;
DROP TRIGGER party_org_versions_deleted;
DROP TABLE party_org_versions_history;
DROP TABLE party_org_versions;
DROP TRIGGER party_orgs_updated;
DROP TRIGGER party_orgs_deleted;
ALTER TABLE party_orgs_history DROP COLUMN valid_from;
ALTER TABLE party_orgs_history DROP COLUMN valid_to;
ALTER TABLE party_orgs DROP COLUMN valid_from;
ALTER TABLE party_orgs DROP COLUMN valid_to;
CREATE TRIGGER party_orgs_updated AFTER UPDATE ON party_orgs WHEN OLD.recorded_at = NEW.recorded_at BEGIN
    INSERT INTO party_orgs_history (id, name, kind, parent_id, unit_id, version, created_at, updated_at, recorded_at, superseded_at) VALUES (OLD.id, OLD.name, OLD.kind, OLD.parent_id, OLD.unit_id, OLD.version, OLD.created_at, OLD.updated_at, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    UPDATE party_orgs SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER party_orgs_deleted AFTER DELETE ON party_orgs BEGIN
    INSERT INTO party_orgs_history (id, name, kind, parent_id, unit_id, version, created_at, updated_at, recorded_at, superseded_at) VALUES (OLD.id, OLD.name, OLD.kind, OLD.parent_id, OLD.unit_id, OLD.version, OLD.created_at, OLD.updated_at, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

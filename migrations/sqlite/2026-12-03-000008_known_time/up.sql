-- Transaction time (rule 22, bitemporal): what the registry said at any instant. Each
-- row of these tables carries `recorded_at`, the instant it was written; an update or a
-- delete first copies the row as it was into `<table>_history` with `superseded_at`, the
-- instant it stopped being what the registry said. Triggers do it, so no write path can
-- forget. A read "as known at T" (persistence/src/known.rs) sees the rows recorded by T
-- and not superseded by T. Rows stored before this migration count as recorded when they
-- were last written (or now, for tables without a timestamp).


ALTER TABLE units ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE units SET recorded_at = updated_at;
CREATE TRIGGER units_recorded AFTER INSERT ON units BEGIN
    UPDATE units SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TABLE units_history AS SELECT id, code, name, level, kind, parent_id, valid_from, valid_to, version, created_at, updated_at, recorded_at, recorded_at AS superseded_at FROM units WHERE 0;
CREATE INDEX units_history_id ON units_history (id, superseded_at);
CREATE TRIGGER units_updated AFTER UPDATE ON units WHEN OLD.recorded_at = NEW.recorded_at BEGIN
    INSERT INTO units_history (id, code, name, level, kind, parent_id, valid_from, valid_to, version, created_at, updated_at, recorded_at, superseded_at) VALUES (OLD.id, OLD.code, OLD.name, OLD.level, OLD.kind, OLD.parent_id, OLD.valid_from, OLD.valid_to, OLD.version, OLD.created_at, OLD.updated_at, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    UPDATE units SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER units_deleted AFTER DELETE ON units BEGIN
    INSERT INTO units_history (id, code, name, level, kind, parent_id, valid_from, valid_to, version, created_at, updated_at, recorded_at, superseded_at) VALUES (OLD.id, OLD.code, OLD.name, OLD.level, OLD.kind, OLD.parent_id, OLD.valid_from, OLD.valid_to, OLD.version, OLD.created_at, OLD.updated_at, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

ALTER TABLE unit_versions ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE unit_versions SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now');
CREATE TRIGGER unit_versions_recorded AFTER INSERT ON unit_versions BEGIN
    UPDATE unit_versions SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TABLE unit_versions_history AS SELECT id, unit_id, valid_from, valid_to, code, name, kind, parent_id, reorganization_id, recorded_at, recorded_at AS superseded_at FROM unit_versions WHERE 0;
CREATE INDEX unit_versions_history_id ON unit_versions_history (id, superseded_at);
CREATE TRIGGER unit_versions_updated AFTER UPDATE ON unit_versions WHEN OLD.recorded_at = NEW.recorded_at BEGIN
    INSERT INTO unit_versions_history (id, unit_id, valid_from, valid_to, code, name, kind, parent_id, reorganization_id, recorded_at, superseded_at) VALUES (OLD.id, OLD.unit_id, OLD.valid_from, OLD.valid_to, OLD.code, OLD.name, OLD.kind, OLD.parent_id, OLD.reorganization_id, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    UPDATE unit_versions SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER unit_versions_deleted AFTER DELETE ON unit_versions BEGIN
    INSERT INTO unit_versions_history (id, unit_id, valid_from, valid_to, code, name, kind, parent_id, reorganization_id, recorded_at, superseded_at) VALUES (OLD.id, OLD.unit_id, OLD.valid_from, OLD.valid_to, OLD.code, OLD.name, OLD.kind, OLD.parent_id, OLD.reorganization_id, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

ALTER TABLE party_orgs ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE party_orgs SET recorded_at = updated_at;
CREATE TRIGGER party_orgs_recorded AFTER INSERT ON party_orgs BEGIN
    UPDATE party_orgs SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TABLE party_orgs_history AS SELECT id, name, kind, parent_id, unit_id, version, created_at, updated_at, recorded_at, recorded_at AS superseded_at FROM party_orgs WHERE 0;
CREATE INDEX party_orgs_history_id ON party_orgs_history (id, superseded_at);
CREATE TRIGGER party_orgs_updated AFTER UPDATE ON party_orgs WHEN OLD.recorded_at = NEW.recorded_at BEGIN
    INSERT INTO party_orgs_history (id, name, kind, parent_id, unit_id, version, created_at, updated_at, recorded_at, superseded_at) VALUES (OLD.id, OLD.name, OLD.kind, OLD.parent_id, OLD.unit_id, OLD.version, OLD.created_at, OLD.updated_at, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    UPDATE party_orgs SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER party_orgs_deleted AFTER DELETE ON party_orgs BEGIN
    INSERT INTO party_orgs_history (id, name, kind, parent_id, unit_id, version, created_at, updated_at, recorded_at, superseded_at) VALUES (OLD.id, OLD.name, OLD.kind, OLD.parent_id, OLD.unit_id, OLD.version, OLD.created_at, OLD.updated_at, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

ALTER TABLE persons ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE persons SET recorded_at = updated_at;
CREATE TRIGGER persons_recorded AFTER INSERT ON persons BEGIN
    UPDATE persons SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TABLE persons_history AS SELECT id, full_name, gender, birth_date, residence_unit_id, party_status, party_org_id, ethnicity, id_number, address, version, created_at, updated_at, recorded_at, recorded_at AS superseded_at FROM persons WHERE 0;
CREATE INDEX persons_history_id ON persons_history (id, superseded_at);
CREATE TRIGGER persons_updated AFTER UPDATE ON persons WHEN OLD.recorded_at = NEW.recorded_at BEGIN
    INSERT INTO persons_history (id, full_name, gender, birth_date, residence_unit_id, party_status, party_org_id, ethnicity, id_number, address, version, created_at, updated_at, recorded_at, superseded_at) VALUES (OLD.id, OLD.full_name, OLD.gender, OLD.birth_date, OLD.residence_unit_id, OLD.party_status, OLD.party_org_id, OLD.ethnicity, OLD.id_number, OLD.address, OLD.version, OLD.created_at, OLD.updated_at, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    UPDATE persons SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER persons_deleted AFTER DELETE ON persons BEGIN
    INSERT INTO persons_history (id, full_name, gender, birth_date, residence_unit_id, party_status, party_org_id, ethnicity, id_number, address, version, created_at, updated_at, recorded_at, superseded_at) VALUES (OLD.id, OLD.full_name, OLD.gender, OLD.birth_date, OLD.residence_unit_id, OLD.party_status, OLD.party_org_id, OLD.ethnicity, OLD.id_number, OLD.address, OLD.version, OLD.created_at, OLD.updated_at, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

ALTER TABLE appointments ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE appointments SET recorded_at = created_at;
CREATE TRIGGER appointments_recorded AFTER INSERT ON appointments BEGIN
    UPDATE appointments SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TABLE appointments_history AS SELECT id, post, person_id, unit_id, party_org_id, starts_on, ends_on, basis, decision, head_election_id, congress_id, end_reason, version, created_at, recorded_at, recorded_at AS superseded_at FROM appointments WHERE 0;
CREATE INDEX appointments_history_id ON appointments_history (id, superseded_at);
CREATE TRIGGER appointments_updated AFTER UPDATE ON appointments WHEN OLD.recorded_at = NEW.recorded_at BEGIN
    INSERT INTO appointments_history (id, post, person_id, unit_id, party_org_id, starts_on, ends_on, basis, decision, head_election_id, congress_id, end_reason, version, created_at, recorded_at, superseded_at) VALUES (OLD.id, OLD.post, OLD.person_id, OLD.unit_id, OLD.party_org_id, OLD.starts_on, OLD.ends_on, OLD.basis, OLD.decision, OLD.head_election_id, OLD.congress_id, OLD.end_reason, OLD.version, OLD.created_at, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    UPDATE appointments SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER appointments_deleted AFTER DELETE ON appointments BEGIN
    INSERT INTO appointments_history (id, post, person_id, unit_id, party_org_id, starts_on, ends_on, basis, decision, head_election_id, congress_id, end_reason, version, created_at, recorded_at, superseded_at) VALUES (OLD.id, OLD.post, OLD.person_id, OLD.unit_id, OLD.party_org_id, OLD.starts_on, OLD.ends_on, OLD.basis, OLD.decision, OLD.head_election_id, OLD.congress_id, OLD.end_reason, OLD.version, OLD.created_at, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

ALTER TABLE party_status_changes ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE party_status_changes SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now');
CREATE TRIGGER party_status_changes_recorded AFTER INSERT ON party_status_changes BEGIN
    UPDATE party_status_changes SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TABLE party_status_changes_history AS SELECT id, person_id, status, since, recorded_at, recorded_at AS superseded_at FROM party_status_changes WHERE 0;
CREATE INDEX party_status_changes_history_id ON party_status_changes_history (id, superseded_at);
CREATE TRIGGER party_status_changes_updated AFTER UPDATE ON party_status_changes WHEN OLD.recorded_at = NEW.recorded_at BEGIN
    INSERT INTO party_status_changes_history (id, person_id, status, since, recorded_at, superseded_at) VALUES (OLD.id, OLD.person_id, OLD.status, OLD.since, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
    UPDATE party_status_changes SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER party_status_changes_deleted AFTER DELETE ON party_status_changes BEGIN
    INSERT INTO party_status_changes_history (id, person_id, status, since, recorded_at, superseded_at) VALUES (OLD.id, OLD.person_id, OLD.status, OLD.since, OLD.recorded_at, strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;

ALTER TABLE unit_successions ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE unit_successions SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now');
CREATE TRIGGER unit_successions_recorded AFTER INSERT ON unit_successions BEGIN
    UPDATE unit_successions SET recorded_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE rowid = NEW.rowid;
END;

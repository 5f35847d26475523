-- Transaction time (rule 22, bitemporal): what the registry said at any instant. Each
-- row of these tables carries `recorded_at`, the instant it was written; an update or a
-- delete first copies the row as it was into `<table>_history` with `superseded_at`, the
-- instant it stopped being what the registry said. Triggers do it, so no write path can
-- forget. A read "as known at T" (persistence/src/known.rs) sees the rows recorded by T
-- and not superseded by T. Rows stored before this migration count as recorded when they
-- were last written (or now, for tables without a timestamp).


CREATE FUNCTION known_now() RETURNS TIMESTAMP LANGUAGE sql STABLE AS $$ SELECT timezone('utc', now()) $$;


ALTER TABLE units ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT known_now();
UPDATE units SET recorded_at = updated_at;
CREATE TABLE units_history (LIKE units);
ALTER TABLE units_history ADD COLUMN superseded_at TIMESTAMP NOT NULL;
CREATE INDEX units_history_id ON units_history (id, superseded_at);
CREATE FUNCTION units_known() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO units_history SELECT OLD.*, known_now();
    IF TG_OP = 'UPDATE' THEN
        NEW.recorded_at := known_now();
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER units_known BEFORE UPDATE OR DELETE ON units FOR EACH ROW EXECUTE FUNCTION units_known();

ALTER TABLE unit_versions ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT known_now();
CREATE TABLE unit_versions_history (LIKE unit_versions);
ALTER TABLE unit_versions_history ADD COLUMN superseded_at TIMESTAMP NOT NULL;
CREATE INDEX unit_versions_history_id ON unit_versions_history (id, superseded_at);
CREATE FUNCTION unit_versions_known() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO unit_versions_history SELECT OLD.*, known_now();
    IF TG_OP = 'UPDATE' THEN
        NEW.recorded_at := known_now();
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER unit_versions_known BEFORE UPDATE OR DELETE ON unit_versions FOR EACH ROW EXECUTE FUNCTION unit_versions_known();

ALTER TABLE party_orgs ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT known_now();
UPDATE party_orgs SET recorded_at = updated_at;
CREATE TABLE party_orgs_history (LIKE party_orgs);
ALTER TABLE party_orgs_history ADD COLUMN superseded_at TIMESTAMP NOT NULL;
CREATE INDEX party_orgs_history_id ON party_orgs_history (id, superseded_at);
CREATE FUNCTION party_orgs_known() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO party_orgs_history SELECT OLD.*, known_now();
    IF TG_OP = 'UPDATE' THEN
        NEW.recorded_at := known_now();
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER party_orgs_known BEFORE UPDATE OR DELETE ON party_orgs FOR EACH ROW EXECUTE FUNCTION party_orgs_known();

ALTER TABLE persons ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT known_now();
UPDATE persons SET recorded_at = updated_at;
CREATE TABLE persons_history (LIKE persons);
ALTER TABLE persons_history ADD COLUMN superseded_at TIMESTAMP NOT NULL;
CREATE INDEX persons_history_id ON persons_history (id, superseded_at);
CREATE FUNCTION persons_known() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO persons_history SELECT OLD.*, known_now();
    IF TG_OP = 'UPDATE' THEN
        NEW.recorded_at := known_now();
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER persons_known BEFORE UPDATE OR DELETE ON persons FOR EACH ROW EXECUTE FUNCTION persons_known();

ALTER TABLE appointments ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT known_now();
UPDATE appointments SET recorded_at = created_at;
CREATE TABLE appointments_history (LIKE appointments);
ALTER TABLE appointments_history ADD COLUMN superseded_at TIMESTAMP NOT NULL;
CREATE INDEX appointments_history_id ON appointments_history (id, superseded_at);
CREATE FUNCTION appointments_known() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO appointments_history SELECT OLD.*, known_now();
    IF TG_OP = 'UPDATE' THEN
        NEW.recorded_at := known_now();
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER appointments_known BEFORE UPDATE OR DELETE ON appointments FOR EACH ROW EXECUTE FUNCTION appointments_known();

ALTER TABLE party_status_changes ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT known_now();
CREATE TABLE party_status_changes_history (LIKE party_status_changes);
ALTER TABLE party_status_changes_history ADD COLUMN superseded_at TIMESTAMP NOT NULL;
CREATE INDEX party_status_changes_history_id ON party_status_changes_history (id, superseded_at);
CREATE FUNCTION party_status_changes_known() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO party_status_changes_history SELECT OLD.*, known_now();
    IF TG_OP = 'UPDATE' THEN
        NEW.recorded_at := known_now();
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER party_status_changes_known BEFORE UPDATE OR DELETE ON party_status_changes FOR EACH ROW EXECUTE FUNCTION party_status_changes_known();

ALTER TABLE unit_successions ADD COLUMN recorded_at TIMESTAMP NOT NULL DEFAULT known_now();

-- Which units each write touched, so that a report's counts kept per unit stay right
-- (persistence/src/marks.rs). Triggers on every table a standing is computed from note
-- what a changed row concerns, before and after the change, in `touched`: units, Party
-- organisations ('org') and persons (whose party status changed). Before the write
-- commits, `Store::write` finds the units of those organisations and of those persons'
-- posts, and gives each unit and every unit it ever lay under the write's data version
-- in `unit_marks`, then empties `touched`. Counts kept for a unit at its mark are right
-- for as long as the mark stays. Triggers do it, so no write path can forget; they only
-- note ids, so that a bulk write pays one lookup at the end, not one per statement.

CREATE TABLE touched (what TEXT NOT NULL, id BIGINT NOT NULL, PRIMARY KEY (what, id));
CREATE TABLE unit_marks (unit_id BIGINT PRIMARY KEY NOT NULL, version BIGINT NOT NULL);


CREATE FUNCTION appointments_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM new_rows r UNION SELECT 'org', r.party_org_id FROM new_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM old_rows r UNION SELECT 'org', r.party_org_id FROM old_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER appointments_touch_insert AFTER INSERT ON appointments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION appointments_touch();
CREATE TRIGGER appointments_touch_update AFTER UPDATE ON appointments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION appointments_touch();
CREATE TRIGGER appointments_touch_delete AFTER DELETE ON appointments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION appointments_touch();

CREATE FUNCTION party_orgs_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM new_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM old_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER party_orgs_touch_insert AFTER INSERT ON party_orgs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION party_orgs_touch();
CREATE TRIGGER party_orgs_touch_update AFTER UPDATE ON party_orgs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION party_orgs_touch();
CREATE TRIGGER party_orgs_touch_delete AFTER DELETE ON party_orgs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION party_orgs_touch();

CREATE FUNCTION party_org_versions_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM new_rows r UNION SELECT 'org', r.org_id FROM new_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM old_rows r UNION SELECT 'org', r.org_id FROM old_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER party_org_versions_touch_insert AFTER INSERT ON party_org_versions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION party_org_versions_touch();
CREATE TRIGGER party_org_versions_touch_update AFTER UPDATE ON party_org_versions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION party_org_versions_touch();
CREATE TRIGGER party_org_versions_touch_delete AFTER DELETE ON party_org_versions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION party_org_versions_touch();

CREATE FUNCTION units_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.id AS id FROM new_rows r UNION SELECT 'unit', r.parent_id FROM new_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.id AS id FROM old_rows r UNION SELECT 'unit', r.parent_id FROM old_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER units_touch_insert AFTER INSERT ON units REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION units_touch();
CREATE TRIGGER units_touch_update AFTER UPDATE ON units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION units_touch();
CREATE TRIGGER units_touch_delete AFTER DELETE ON units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION units_touch();

CREATE FUNCTION unit_versions_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM new_rows r UNION SELECT 'unit', r.parent_id FROM new_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM old_rows r UNION SELECT 'unit', r.parent_id FROM old_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER unit_versions_touch_insert AFTER INSERT ON unit_versions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_versions_touch();
CREATE TRIGGER unit_versions_touch_update AFTER UPDATE ON unit_versions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_versions_touch();
CREATE TRIGGER unit_versions_touch_delete AFTER DELETE ON unit_versions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_versions_touch();

CREATE FUNCTION unit_successions_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.predecessor_id AS id FROM new_rows r UNION SELECT 'unit', r.successor_id FROM new_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.predecessor_id AS id FROM old_rows r UNION SELECT 'unit', r.successor_id FROM old_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER unit_successions_touch_insert AFTER INSERT ON unit_successions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_successions_touch();
CREATE TRIGGER unit_successions_touch_update AFTER UPDATE ON unit_successions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_successions_touch();
CREATE TRIGGER unit_successions_touch_delete AFTER DELETE ON unit_successions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_successions_touch();

CREATE FUNCTION party_status_changes_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'person' AS what, r.person_id AS id FROM new_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'person' AS what, r.person_id AS id FROM old_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER party_status_changes_touch_insert AFTER INSERT ON party_status_changes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION party_status_changes_touch();
CREATE TRIGGER party_status_changes_touch_update AFTER UPDATE ON party_status_changes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION party_status_changes_touch();
CREATE TRIGGER party_status_changes_touch_delete AFTER DELETE ON party_status_changes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION party_status_changes_touch();

CREATE FUNCTION congresses_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'org' AS what, r.cell_id AS id FROM new_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'org' AS what, r.cell_id AS id FROM old_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER congresses_touch_insert AFTER INSERT ON congresses REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION congresses_touch();
CREATE TRIGGER congresses_touch_update AFTER UPDATE ON congresses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION congresses_touch();
CREATE TRIGGER congresses_touch_delete AFTER DELETE ON congresses REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION congresses_touch();

CREATE FUNCTION head_elections_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.village_id AS id FROM new_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.village_id AS id FROM old_rows r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER head_elections_touch_insert AFTER INSERT ON head_elections REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION head_elections_touch();
CREATE TRIGGER head_elections_touch_update AFTER UPDATE ON head_elections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION head_elections_touch();
CREATE TRIGGER head_elections_touch_delete AFTER DELETE ON head_elections REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION head_elections_touch();

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


CREATE TRIGGER appointments_touch_insert AFTER INSERT ON appointments BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT NEW.unit_id AS unit_id, NEW.party_org_id AS party_org_id) r UNION SELECT 'org', r.party_org_id FROM (SELECT NEW.unit_id AS unit_id, NEW.party_org_id AS party_org_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER appointments_touch_update AFTER UPDATE ON appointments BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT NEW.unit_id AS unit_id, NEW.party_org_id AS party_org_id) r UNION SELECT 'org', r.party_org_id FROM (SELECT NEW.unit_id AS unit_id, NEW.party_org_id AS party_org_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT OLD.unit_id AS unit_id, OLD.party_org_id AS party_org_id) r UNION SELECT 'org', r.party_org_id FROM (SELECT OLD.unit_id AS unit_id, OLD.party_org_id AS party_org_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER appointments_touch_delete AFTER DELETE ON appointments BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT OLD.unit_id AS unit_id, OLD.party_org_id AS party_org_id) r UNION SELECT 'org', r.party_org_id FROM (SELECT OLD.unit_id AS unit_id, OLD.party_org_id AS party_org_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER party_orgs_touch_insert AFTER INSERT ON party_orgs BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT NEW.unit_id AS unit_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER party_orgs_touch_update AFTER UPDATE ON party_orgs BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT NEW.unit_id AS unit_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT OLD.unit_id AS unit_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER party_orgs_touch_delete AFTER DELETE ON party_orgs BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT OLD.unit_id AS unit_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER party_org_versions_touch_insert AFTER INSERT ON party_org_versions BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT NEW.unit_id AS unit_id, NEW.org_id AS org_id) r UNION SELECT 'org', r.org_id FROM (SELECT NEW.unit_id AS unit_id, NEW.org_id AS org_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER party_org_versions_touch_update AFTER UPDATE ON party_org_versions BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT NEW.unit_id AS unit_id, NEW.org_id AS org_id) r UNION SELECT 'org', r.org_id FROM (SELECT NEW.unit_id AS unit_id, NEW.org_id AS org_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT OLD.unit_id AS unit_id, OLD.org_id AS org_id) r UNION SELECT 'org', r.org_id FROM (SELECT OLD.unit_id AS unit_id, OLD.org_id AS org_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER party_org_versions_touch_delete AFTER DELETE ON party_org_versions BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT OLD.unit_id AS unit_id, OLD.org_id AS org_id) r UNION SELECT 'org', r.org_id FROM (SELECT OLD.unit_id AS unit_id, OLD.org_id AS org_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER units_touch_insert AFTER INSERT ON units BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.id AS id FROM (SELECT NEW.id AS id, NEW.parent_id AS parent_id) r UNION SELECT 'unit', r.parent_id FROM (SELECT NEW.id AS id, NEW.parent_id AS parent_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER units_touch_update AFTER UPDATE ON units BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.id AS id FROM (SELECT NEW.id AS id, NEW.parent_id AS parent_id) r UNION SELECT 'unit', r.parent_id FROM (SELECT NEW.id AS id, NEW.parent_id AS parent_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.id AS id FROM (SELECT OLD.id AS id, OLD.parent_id AS parent_id) r UNION SELECT 'unit', r.parent_id FROM (SELECT OLD.id AS id, OLD.parent_id AS parent_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER units_touch_delete AFTER DELETE ON units BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.id AS id FROM (SELECT OLD.id AS id, OLD.parent_id AS parent_id) r UNION SELECT 'unit', r.parent_id FROM (SELECT OLD.id AS id, OLD.parent_id AS parent_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER unit_versions_touch_insert AFTER INSERT ON unit_versions BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT NEW.unit_id AS unit_id, NEW.parent_id AS parent_id) r UNION SELECT 'unit', r.parent_id FROM (SELECT NEW.unit_id AS unit_id, NEW.parent_id AS parent_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER unit_versions_touch_update AFTER UPDATE ON unit_versions BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT NEW.unit_id AS unit_id, NEW.parent_id AS parent_id) r UNION SELECT 'unit', r.parent_id FROM (SELECT NEW.unit_id AS unit_id, NEW.parent_id AS parent_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT OLD.unit_id AS unit_id, OLD.parent_id AS parent_id) r UNION SELECT 'unit', r.parent_id FROM (SELECT OLD.unit_id AS unit_id, OLD.parent_id AS parent_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER unit_versions_touch_delete AFTER DELETE ON unit_versions BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.unit_id AS id FROM (SELECT OLD.unit_id AS unit_id, OLD.parent_id AS parent_id) r UNION SELECT 'unit', r.parent_id FROM (SELECT OLD.unit_id AS unit_id, OLD.parent_id AS parent_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER unit_successions_touch_insert AFTER INSERT ON unit_successions BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.predecessor_id AS id FROM (SELECT NEW.predecessor_id AS predecessor_id, NEW.successor_id AS successor_id) r UNION SELECT 'unit', r.successor_id FROM (SELECT NEW.predecessor_id AS predecessor_id, NEW.successor_id AS successor_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER unit_successions_touch_update AFTER UPDATE ON unit_successions BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.predecessor_id AS id FROM (SELECT NEW.predecessor_id AS predecessor_id, NEW.successor_id AS successor_id) r UNION SELECT 'unit', r.successor_id FROM (SELECT NEW.predecessor_id AS predecessor_id, NEW.successor_id AS successor_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.predecessor_id AS id FROM (SELECT OLD.predecessor_id AS predecessor_id, OLD.successor_id AS successor_id) r UNION SELECT 'unit', r.successor_id FROM (SELECT OLD.predecessor_id AS predecessor_id, OLD.successor_id AS successor_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER unit_successions_touch_delete AFTER DELETE ON unit_successions BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.predecessor_id AS id FROM (SELECT OLD.predecessor_id AS predecessor_id, OLD.successor_id AS successor_id) r UNION SELECT 'unit', r.successor_id FROM (SELECT OLD.predecessor_id AS predecessor_id, OLD.successor_id AS successor_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER party_status_changes_touch_insert AFTER INSERT ON party_status_changes BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'person' AS what, r.person_id AS id FROM (SELECT NEW.person_id AS person_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER party_status_changes_touch_update AFTER UPDATE ON party_status_changes BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'person' AS what, r.person_id AS id FROM (SELECT NEW.person_id AS person_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'person' AS what, r.person_id AS id FROM (SELECT OLD.person_id AS person_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER party_status_changes_touch_delete AFTER DELETE ON party_status_changes BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'person' AS what, r.person_id AS id FROM (SELECT OLD.person_id AS person_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER congresses_touch_insert AFTER INSERT ON congresses BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'org' AS what, r.cell_id AS id FROM (SELECT NEW.cell_id AS cell_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER congresses_touch_update AFTER UPDATE ON congresses BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'org' AS what, r.cell_id AS id FROM (SELECT NEW.cell_id AS cell_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'org' AS what, r.cell_id AS id FROM (SELECT OLD.cell_id AS cell_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER congresses_touch_delete AFTER DELETE ON congresses BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'org' AS what, r.cell_id AS id FROM (SELECT OLD.cell_id AS cell_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER head_elections_touch_insert AFTER INSERT ON head_elections BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.village_id AS id FROM (SELECT NEW.village_id AS village_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER head_elections_touch_update AFTER UPDATE ON head_elections BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.village_id AS id FROM (SELECT NEW.village_id AS village_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.village_id AS id FROM (SELECT OLD.village_id AS village_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER head_elections_touch_delete AFTER DELETE ON head_elections BEGIN
    INSERT INTO touched (what, id) SELECT what, id FROM (SELECT 'unit' AS what, r.village_id AS id FROM (SELECT OLD.village_id AS village_id) r) AS changed WHERE id IS NOT NULL ON CONFLICT DO NOTHING;
END;

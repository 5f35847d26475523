-- The change feed (persistence/src/changes.rs): every change a public read can show,
-- kept in the transaction of the write that made it, with enough of the entity to update a
-- local copy. Triggers note which rows changed how in `change_notes` (so that no write
-- path can forget, and a bulk write pays one statement at its end); before the write
-- commits, `Store::write` turns the notes into `changes` rows, each tied to the write's
-- audit event, and empties `change_notes`.

CREATE TABLE change_notes (what TEXT NOT NULL, id BIGINT NOT NULL, PRIMARY KEY (what, id));
CREATE TABLE changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    audit_event_id BIGINT NOT NULL,
    occurred_at TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    unit_id BIGINT,
    data TEXT NOT NULL
);
CREATE INDEX changes_unit ON changes (unit_id, id);

CREATE TRIGGER units_note_insert AFTER INSERT ON units BEGIN
    INSERT OR IGNORE INTO change_notes (what, id) VALUES ('unit.created', NEW.id);
END;
CREATE TRIGGER units_note_update AFTER UPDATE ON units BEGIN
    INSERT OR IGNORE INTO change_notes (what, id) SELECT 'unit.ended', NEW.id
        WHERE NEW.valid_to IS NOT NULL AND OLD.valid_to IS NOT NEW.valid_to;
    INSERT OR IGNORE INTO change_notes (what, id) SELECT 'unit.moved', NEW.id
        WHERE OLD.parent_id IS NOT NEW.parent_id;
    INSERT OR IGNORE INTO change_notes (what, id) SELECT 'unit.renamed', NEW.id
        WHERE OLD.name <> NEW.name OR OLD.kind <> NEW.kind;
    INSERT OR IGNORE INTO change_notes (what, id) SELECT 'unit.recoded', NEW.id
        WHERE OLD.code IS NOT NEW.code;
END;

CREATE TRIGGER appointments_note_insert AFTER INSERT ON appointments BEGIN
    INSERT OR IGNORE INTO change_notes (what, id) VALUES ('tenure.started', NEW.id);
END;
CREATE TRIGGER appointments_note_end AFTER UPDATE OF ends_on ON appointments
WHEN NEW.ends_on IS NOT NULL AND OLD.ends_on IS NOT NEW.ends_on BEGIN
    INSERT OR IGNORE INTO change_notes (what, id) VALUES ('tenure.ended', NEW.id);
END;

CREATE TRIGGER head_elections_note_insert AFTER INSERT ON head_elections BEGIN
    INSERT OR IGNORE INTO change_notes (what, id) VALUES ('head_election.recorded', NEW.id);
END;
CREATE TRIGGER head_elections_note_recognized AFTER UPDATE OF recognized_on ON head_elections
WHEN OLD.recognized_on IS NULL AND NEW.recognized_on IS NOT NULL BEGIN
    INSERT OR IGNORE INTO change_notes (what, id) VALUES ('head_election.recognized', NEW.id);
END;

CREATE TRIGGER congresses_note_insert AFTER INSERT ON congresses BEGIN
    INSERT OR IGNORE INTO change_notes (what, id) VALUES ('congress.recorded', NEW.id);
END;
CREATE TRIGGER congresses_note_approved AFTER UPDATE OF approved_on ON congresses
WHEN OLD.approved_on IS NULL AND NEW.approved_on IS NOT NULL BEGIN
    INSERT OR IGNORE INTO change_notes (what, id) VALUES ('congress.approved', NEW.id);
END;

CREATE TRIGGER reorganizations_note_insert AFTER INSERT ON reorganizations BEGIN
    INSERT OR IGNORE INTO change_notes (what, id) VALUES ('reorganization.applied', NEW.id);
END;

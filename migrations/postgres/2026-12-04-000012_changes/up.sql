-- The change feed (persistence/src/changes.rs): every change a public read can show,
-- kept in the transaction of the write that made it, with enough of the entity to update a
-- local copy. Triggers note which rows changed how in `change_notes` (so that no write
-- path can forget, and a bulk write pays one statement at its end); before the write
-- commits, `Store::write` turns the notes into `changes` rows, each tied to the write's
-- audit event, and empties `change_notes`. Inserts are noted per statement (an import
-- inserts thousands of rows at once); updates per row, and only the rows whose `WHEN`
-- holds call the function.

CREATE TABLE change_notes (what TEXT NOT NULL, id BIGINT NOT NULL, PRIMARY KEY (what, id));
CREATE TABLE changes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    audit_event_id BIGINT NOT NULL,
    occurred_at TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    unit_id BIGINT,
    data TEXT NOT NULL
);
CREATE INDEX changes_unit ON changes (unit_id, id);

-- The inserted rows, as the change TG_ARGV[0].
CREATE FUNCTION note_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO change_notes (what, id) SELECT TG_ARGV[0], id FROM new_rows ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- One updated row, as the change TG_ARGV[0].
CREATE FUNCTION note_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO change_notes (what, id) VALUES (TG_ARGV[0], NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER units_note_insert AFTER INSERT ON units REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION note_inserted('unit.created');
CREATE TRIGGER units_note_ended AFTER UPDATE ON units FOR EACH ROW
    WHEN (NEW.valid_to IS NOT NULL AND OLD.valid_to IS DISTINCT FROM NEW.valid_to)
    EXECUTE FUNCTION note_updated('unit.ended');
CREATE TRIGGER units_note_moved AFTER UPDATE ON units FOR EACH ROW
    WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)
    EXECUTE FUNCTION note_updated('unit.moved');
CREATE TRIGGER units_note_renamed AFTER UPDATE ON units FOR EACH ROW
    WHEN (OLD.name <> NEW.name OR OLD.kind <> NEW.kind)
    EXECUTE FUNCTION note_updated('unit.renamed');
CREATE TRIGGER units_note_recoded AFTER UPDATE ON units FOR EACH ROW
    WHEN (OLD.code IS DISTINCT FROM NEW.code)
    EXECUTE FUNCTION note_updated('unit.recoded');

CREATE TRIGGER appointments_note_insert AFTER INSERT ON appointments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION note_inserted('tenure.started');
CREATE TRIGGER appointments_note_end AFTER UPDATE ON appointments FOR EACH ROW
    WHEN (NEW.ends_on IS NOT NULL AND OLD.ends_on IS DISTINCT FROM NEW.ends_on)
    EXECUTE FUNCTION note_updated('tenure.ended');

CREATE TRIGGER head_elections_note_insert AFTER INSERT ON head_elections REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION note_inserted('head_election.recorded');
CREATE TRIGGER head_elections_note_recognized AFTER UPDATE ON head_elections FOR EACH ROW
    WHEN (OLD.recognized_on IS NULL AND NEW.recognized_on IS NOT NULL)
    EXECUTE FUNCTION note_updated('head_election.recognized');

CREATE TRIGGER congresses_note_insert AFTER INSERT ON congresses REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION note_inserted('congress.recorded');
CREATE TRIGGER congresses_note_approved AFTER UPDATE ON congresses FOR EACH ROW
    WHEN (OLD.approved_on IS NULL AND NEW.approved_on IS NOT NULL)
    EXECUTE FUNCTION note_updated('congress.approved');

CREATE TRIGGER reorganizations_note_insert AFTER INSERT ON reorganizations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION note_inserted('reorganization.applied');

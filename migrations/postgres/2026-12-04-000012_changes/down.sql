DROP FUNCTION note_inserted() CASCADE;
DROP FUNCTION note_updated() CASCADE;
DROP TABLE changes;
DROP TABLE change_notes;

-- A minute typed twice (rule 23; dantin_domain::double_entry,
-- persistence/src/minute_entries.rs): its entries as JSON, who typed each, where they
-- differ, and what a coordinator did; the result it became once definitive.
CREATE TABLE minute_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('head_election', 'congress')),
    -- The village, or the unit of the congress's cell: the area whose officers see it.
    unit_id BIGINT REFERENCES units (id),
    state TEXT NOT NULL CHECK (state IN ('first_entered', 'different', 'definitive', 'discarded')),
    first_entry TEXT NOT NULL,
    first_by TEXT NOT NULL,
    second_entry TEXT,
    second_by TEXT,
    -- The JSON array of the paths of the fields in which the entries differ.
    differences TEXT NOT NULL,
    resolution TEXT CHECK (resolution IN ('keep_first', 'keep_second', 'correct', 'discard_both')),
    resolved_by TEXT,
    correction TEXT,
    head_election_id BIGINT REFERENCES head_elections (id),
    congress_id BIGINT REFERENCES congresses (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((state = 'first_entered') = (second_entry IS NULL)),
    CHECK ((state = 'definitive') = (head_election_id IS NOT NULL OR congress_id IS NOT NULL))
);
CREATE INDEX minute_entries_unit ON minute_entries (unit_id);

-- Officers who settle the differences between two entries in their area.
ALTER TABLE users ADD COLUMN coordinator BOOLEAN NOT NULL DEFAULT FALSE;

-- Rule sets adopted before double entry existed go on recording results at once; a rule
-- set that does not name `double_entry` from now on asks for it.
UPDATE rule_sets SET rules_json = json_set(rules_json, '$.double_entry', json('false'));
UPDATE rule_set_versions SET rules_json = json_set(rules_json, '$.double_entry', json('false'));

-- Folded person names from the start of each word, as for units: officeholder lists are
-- searched by name without diacritics through this index. Existing persons get their keys
-- from the service at start (folding is done in Rust, the same on both backends).
CREATE TABLE person_search_keys (
    key TEXT COLLATE "C" NOT NULL,
    person_id BIGINT NOT NULL REFERENCES persons (id),
    PRIMARY KEY (key, person_id)
);
CREATE INDEX person_search_keys_person ON person_search_keys (person_id);

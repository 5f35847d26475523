-- History of the map (DOMAIN.md rule 22): a unit keeps its id forever, and its code,
-- name, kind and parent are versions in valid time. The versions of a unit cover its life
-- (units.valid_from to units.valid_to) without gap or overlap; units' own columns hold
-- its latest version. A reorganisation is one legal act applied on one day; successions
-- say which units carry the territory of those it ended.
-- AUTOINCREMENT: an id is never handed out twice.

CREATE TABLE reorganizations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    effective_on DATE NOT NULL,
    basis TEXT NOT NULL,
    -- The operations as applied (JSON), and what they did.
    operations TEXT NOT NULL,
    created INTEGER NOT NULL,
    ended INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    successions INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX reorganizations_effective_on ON reorganizations (effective_on);

CREATE TABLE unit_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    code TEXT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id BIGINT REFERENCES units (id),
    -- The reorganisation that began this version; none for a unit's first version.
    reorganization_id BIGINT REFERENCES reorganizations (id),
    -- Mirrors dantin_domain::validity::Validity::new (valid_to_after_valid_from).
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX unit_versions_unit ON unit_versions (unit_id, valid_from);
CREATE INDEX unit_versions_parent ON unit_versions (parent_id, valid_from);
CREATE INDEX unit_versions_code ON unit_versions (code, valid_from);

INSERT INTO unit_versions (unit_id, valid_from, valid_to, code, name, kind, parent_id)
SELECT id, valid_from, valid_to, code, name, kind, parent_id FROM units;

CREATE TABLE unit_successions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reorganization_id BIGINT NOT NULL REFERENCES reorganizations (id),
    predecessor_id BIGINT NOT NULL REFERENCES units (id),
    successor_id BIGINT NOT NULL REFERENCES units (id),
    -- Whether the successor carries all of the predecessor's territory (a merge) or a
    -- part of it (a split). Mirrors dantin_domain::reorganization::Succession.
    whole BOOLEAN NOT NULL,
    CHECK (predecessor_id <> successor_id)
);
CREATE UNIQUE INDEX unit_successions_pair ON unit_successions (predecessor_id, successor_id);
CREATE INDEX unit_successions_successor ON unit_successions (successor_id);

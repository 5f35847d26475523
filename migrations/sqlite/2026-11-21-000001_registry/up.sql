-- The registry: units, Party organisations, persons, terms, accounts and the audit chain.
-- AUTOINCREMENT so that an id is never handed out twice: ids are stable forever.

CREATE TABLE units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune', 'village')),
    kind TEXT NOT NULL,
    parent_id BIGINT REFERENCES units (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- Mirrors dantin_domain::validity::Validity::new (valid_to_after_valid_from).
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_code ON units (code);
CREATE INDEX units_level ON units (level);
-- Two open-ended units never share a code; the general per-day rule is checked on write.
-- Mirrors, for open-ended units, dantin_domain::unit::check_code_free (unit_code_unique_on_date).
CREATE UNIQUE INDEX units_code_open ON units (code) WHERE valid_to IS NULL AND code IS NOT NULL;

-- Folded names from the start of each word ("huyen ba che", "ba che", "che"): a name
-- query is a range scan of this index.
CREATE TABLE unit_search_keys (
    key TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    PRIMARY KEY (key, unit_id)
) WITHOUT ROWID;
CREATE INDEX unit_search_keys_unit ON unit_search_keys (unit_id);

CREATE TABLE party_orgs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('cell', 'grassroots_committee', 'district_committee', 'provincial_committee')),
    parent_id BIGINT REFERENCES party_orgs (id),
    unit_id BIGINT REFERENCES units (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX party_orgs_parent ON party_orgs (parent_id);
CREATE INDEX party_orgs_unit ON party_orgs (unit_id);

CREATE TABLE persons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    full_name TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth_date DATE NOT NULL,
    residence_unit_id BIGINT NOT NULL REFERENCES units (id),
    party_status TEXT NOT NULL CHECK (party_status IN ('none', 'probationary', 'official')),
    party_org_id BIGINT REFERENCES party_orgs (id),
    ethnicity TEXT,
    id_number TEXT,
    address TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX persons_residence ON persons (residence_unit_id);
CREATE INDEX persons_party_org ON persons (party_org_id);

CREATE TABLE terms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    label TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    scope_unit_id BIGINT NOT NULL REFERENCES units (id),
    unified_model BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- Mirrors dantin_domain::term::check_label_free and check_term (term_ends_after_start).
    UNIQUE (scope_unit_id, label),
    CHECK (ends_on > starts_on)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'auditor')),
    unit_id BIGINT REFERENCES units (id),
    created_at TIMESTAMP NOT NULL,
    -- Mirrors dantin_domain::access::Account::new (officer_has_unit).
    CHECK ((role = 'officer') = (unit_id IS NOT NULL))
);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id BIGINT,
    before_json TEXT,
    after_json TEXT,
    request_id TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id);

-- The end of the chain, one row: every append updates it first, which serialises
-- appends so that no two events name the same predecessor.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, hash) VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000');

-- Elections, congresses, the posts they fill, and each province's configurable rules.

CREATE TABLE rule_sets (
    province_id BIGINT PRIMARY KEY REFERENCES units (id),
    rules_json TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE head_elections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    village_id BIGINT NOT NULL REFERENCES units (id),
    term_id BIGINT NOT NULL REFERENCES terms (id),
    held_on DATE NOT NULL,
    households_total INTEGER NOT NULL CHECK (households_total >= 0),
    households_present INTEGER NOT NULL CHECK (households_present >= 0),
    method TEXT NOT NULL,
    election_team_json TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('elected', 'no_winner', 'no_quorum')),
    winner_person_id BIGINT REFERENCES persons (id),
    arithmetic_json TEXT NOT NULL,
    checks_json TEXT NOT NULL,
    recognition_decision TEXT,
    recognized_on DATE,
    recognition_warning TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX head_elections_village_term ON head_elections (village_id, term_id);

CREATE TABLE head_election_candidates (
    election_id BIGINT NOT NULL REFERENCES head_elections (id),
    person_id BIGINT NOT NULL REFERENCES persons (id),
    votes INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (election_id, person_id)
);

CREATE TABLE congresses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cell_id BIGINT NOT NULL REFERENCES party_orgs (id),
    term_id BIGINT NOT NULL REFERENCES terms (id),
    held_on DATE NOT NULL,
    members_summoned INTEGER NOT NULL CHECK (members_summoned >= 0),
    members_present INTEGER NOT NULL CHECK (members_present >= 0),
    exclusions_json TEXT NOT NULL,
    committee_json TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('elected', 'no_winner', 'no_quorum')),
    winner_person_id BIGINT REFERENCES persons (id),
    arithmetic_json TEXT NOT NULL,
    checks_json TEXT NOT NULL,
    approval_decision TEXT,
    approved_on DATE,
    approval_warning TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX congresses_cell_term ON congresses (cell_id, term_id);

CREATE TABLE congress_candidates (
    congress_id BIGINT NOT NULL REFERENCES congresses (id),
    -- Mirrors dantin_domain::congress::MAX_ROUNDS, checked by congress::integrity (rounds_at_most_three).
    round INTEGER NOT NULL CHECK (round BETWEEN 1 AND 3),
    person_id BIGINT NOT NULL REFERENCES persons (id),
    votes INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (congress_id, round, person_id)
);

-- A post held by a person: from starts_on until ends_on (exclusive; open while held).
CREATE TABLE appointments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post TEXT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES persons (id),
    unit_id BIGINT REFERENCES units (id),
    party_org_id BIGINT REFERENCES party_orgs (id),
    starts_on DATE NOT NULL,
    ends_on DATE,
    basis TEXT NOT NULL CHECK (basis IN ('election', 'interim', 'designated')),
    decision TEXT NOT NULL,
    head_election_id BIGINT REFERENCES head_elections (id),
    congress_id BIGINT REFERENCES congresses (id),
    end_reason TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    -- Mirror dantin_domain::appointment::Seat (one seat) and Validity::new.
    CHECK ((unit_id IS NULL) <> (party_org_id IS NULL)),
    CHECK (ends_on IS NULL OR ends_on > starts_on)
);
CREATE INDEX appointments_unit_post ON appointments (unit_id, post);
CREATE INDEX appointments_org_post ON appointments (party_org_id, post);
CREATE INDEX appointments_person ON appointments (person_id);

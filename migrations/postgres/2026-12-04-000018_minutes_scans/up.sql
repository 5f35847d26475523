-- Scans of the paper minutes of head elections and congresses (rule 23;
-- persistence/src/minutes.rs): the file as received, its type as its bytes show
-- (dantin_domain::minutes::check_scan) and its SHA-256, which the audit trail repeats.
CREATE TABLE minutes_scans (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    head_election_id BIGINT REFERENCES head_elections (id),
    congress_id BIGINT REFERENCES congresses (id),
    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size INTEGER NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- A scan is of one record: an election's minute or a congress's.
    CHECK ((head_election_id IS NULL) <> (congress_id IS NULL))
);
CREATE INDEX minutes_scans_head_election ON minutes_scans (head_election_id);
CREATE INDEX minutes_scans_congress ON minutes_scans (congress_id);

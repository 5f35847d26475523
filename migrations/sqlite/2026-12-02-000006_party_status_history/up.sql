-- A person's party status over time (rules 11 and 19 judge the status of the day): each
-- change with the day it took effect; a change without a day held all along (recorded
-- before statuses had days, or corrected). persons.party_status stays the latest.
-- Mirrors dantin_domain::person::StatusChange.
CREATE TABLE party_status_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES persons (id),
    status TEXT NOT NULL CHECK (status IN ('none', 'probationary', 'official')),
    since DATE
);
CREATE INDEX party_status_changes_person ON party_status_changes (person_id, since);

INSERT INTO party_status_changes (person_id, status, since)
SELECT id, party_status, NULL FROM persons;

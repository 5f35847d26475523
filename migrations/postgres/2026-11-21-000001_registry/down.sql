DROP TABLE audit_head;
DROP TABLE audit_events;
DROP TABLE users;
DROP TABLE terms;
DROP TABLE persons;
DROP TABLE party_orgs;
DROP TABLE unit_search_keys;
DROP TABLE units;

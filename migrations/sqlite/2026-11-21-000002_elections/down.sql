DROP TABLE appointments;
DROP TABLE congress_candidates;
DROP TABLE congresses;
DROP TABLE head_election_candidates;
DROP TABLE head_elections;
DROP TABLE rule_sets;

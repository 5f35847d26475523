-- A province's rules over time: rule_sets holds the rules that hold from the beginning
-- (and the version its ETag counts), and each dated version here the rules from its day
-- on, until the next. An election is judged by the rules in force on its day, of the
-- province it stood in that day; a province born of a merger starts with its own.
CREATE TABLE rule_set_versions (
    province_id BIGINT NOT NULL REFERENCES units (id),
    valid_from DATE NOT NULL,
    rules_json TEXT NOT NULL,
    PRIMARY KEY (province_id, valid_from)
);

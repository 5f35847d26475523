DROP TABLE unit_successions;
DROP TABLE unit_versions;
DROP TABLE reorganizations;

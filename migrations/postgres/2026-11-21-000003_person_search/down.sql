DROP TABLE person_search_keys;

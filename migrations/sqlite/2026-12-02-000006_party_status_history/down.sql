DROP TABLE party_status_changes;

DROP TABLE minutes_scans;

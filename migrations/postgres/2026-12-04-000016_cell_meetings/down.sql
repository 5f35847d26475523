DROP TABLE cadre_assignments;
DROP TABLE cell_meeting_cadres;
DROP TABLE cell_meetings;

-- The life of the cells (rules 24-26; persistence/src/cell_meetings.rs): each meeting a
-- cell held, the upper-level cadres who attended it, and the cadres assigned to attend a
-- cell's meetings for a period (the "3+1" model).
CREATE TABLE cell_meetings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cell_id BIGINT NOT NULL REFERENCES party_orgs (id),
    held_on DATE NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('regular', 'thematic')),
    -- A thematic meeting's topic; none for a regular one (rule meeting_topic).
    topic TEXT,
    members_summoned INTEGER NOT NULL CHECK (members_summoned >= 0),
    members_present INTEGER NOT NULL CHECK (members_present >= 0),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX cell_meetings_cell_day ON cell_meetings (cell_id, held_on);

CREATE TABLE cell_meeting_cadres (
    meeting_id BIGINT NOT NULL REFERENCES cell_meetings (id),
    person_id BIGINT NOT NULL REFERENCES persons (id),
    PRIMARY KEY (meeting_id, person_id)
);

CREATE TABLE cadre_assignments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES persons (id),
    cell_id BIGINT NOT NULL REFERENCES party_orgs (id),
    -- The cadre's post as the assignment names it ("Ủy viên Ban Thường vụ Huyện ủy").
    post TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX cadre_assignments_cell ON cadre_assignments (cell_id, person_id);

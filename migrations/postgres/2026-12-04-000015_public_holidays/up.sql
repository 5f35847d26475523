-- Public holidays (rule 27; persistence/src/holidays.rs): the days off the government
-- publishes each year, which deadlines in working days skip. Kept per year by an admin.
CREATE TABLE public_holidays (
    day DATE PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);

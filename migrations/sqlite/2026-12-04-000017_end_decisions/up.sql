-- A village head's resignation or removal, recognised by the commune's decision (rule 10;
-- persistence/src/end_decisions.rs): kept beside the tenure it ended, with the warning
-- when it came after its 5 working days (dantin_domain::removal::judge).
CREATE TABLE end_decisions (
    appointment_id BIGINT PRIMARY KEY NOT NULL REFERENCES appointments (id),
    asked_on DATE NOT NULL,
    decision TEXT NOT NULL,
    decided_on DATE NOT NULL CHECK (decided_on >= asked_on),
    warning TEXT,
    created_at TIMESTAMP NOT NULL
);

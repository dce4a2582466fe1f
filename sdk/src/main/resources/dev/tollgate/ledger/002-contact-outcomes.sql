-- Tollgate contact ledger, schema version 2. Applied by the SDK (JdbcLedger); never edit a released
-- version: add the next numbered file instead. Runs on PostgreSQL and H2.

-- A decision reads a person's contacts in its longest window, through tollgate_contact_subject_at, and,
-- however old, those of the outcomes a window counts for ever (refusals): this index finds the latter as a
-- range of its own, without passing over the rest of the person's history.
CREATE INDEX tollgate_contact_subject_outcome_at ON tollgate_contact (subject, outcome, contact_at);

-- Tollgate contact ledger, schema version 1. Applied by the SDK (JdbcLedger); never edit a released
-- version: add the next numbered file instead. Runs on PostgreSQL and H2.

-- One row per person, locked by each reservation on H2 so that two engines never count the same history
-- twice (PostgreSQL uses an advisory lock on the subject instead; the table stays empty there).
CREATE TABLE tollgate_subject (
  subject VARCHAR(256) PRIMARY KEY
);

-- One row per contact. subject is the caller's pseudonymous id; no phone number is stored.
-- outcome is NULL until the call's outcome is recorded.
CREATE TABLE tollgate_contact (
  contact_id  VARCHAR(256) PRIMARY KEY,
  subject     VARCHAR(256) NOT NULL,
  contact_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  purpose     VARCHAR(16),
  product     VARCHAR(256),
  debt        VARCHAR(256),
  channel     VARCHAR(8) NOT NULL,
  outcome     VARCHAR(16),
  recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  outcome_at  TIMESTAMP WITH TIME ZONE
);

CREATE INDEX tollgate_contact_subject_at ON tollgate_contact (subject, contact_at);

CREATE INDEX tollgate_contact_at ON tollgate_contact (contact_at);

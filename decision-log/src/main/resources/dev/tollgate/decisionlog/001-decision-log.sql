-- The decision log's lines in order: entries (with their seq and decision id) and checkpoints (without).
-- {table} is the log's table name, chosen by the application.
CREATE TABLE IF NOT EXISTS {table} (
  position BIGINT PRIMARY KEY,
  seq BIGINT,
  decision_id VARCHAR(128),
  line TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS {table}_decision_id ON {table} (decision_id);

-- Rate-limit counters shared by every server process on this database, so
-- ten processes behind a load balancer allow one limit of password guesses,
-- not ten (attempts.rs). One row per hashed key: its window opened at its
-- first attempt, as in a single process's memory. UNLOGGED: a counter lost
-- in a database crash only forgives one window of attempts, and counting
-- then costs no WAL.
CREATE UNLOGGED TABLE rate_attempts (
    key          TEXT PRIMARY KEY,
    window_start TIMESTAMPTZ NOT NULL,
    count        INTEGER NOT NULL
);
CREATE INDEX rate_attempts_by_window ON rate_attempts (window_start);

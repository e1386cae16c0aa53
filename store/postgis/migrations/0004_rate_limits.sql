-- Rate-limit counters shared by every server process on this database, so
-- ten processes behind a load balancer allow one limit of password guesses,
-- not ten (attempts.rs). One row per hashed key and window. UNLOGGED: a
-- counter lost in a database crash only forgives a minute of attempts, and
-- counting then costs no WAL.
CREATE UNLOGGED TABLE rate_attempts (
    key          TEXT NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_attempts_by_window ON rate_attempts (window_start);

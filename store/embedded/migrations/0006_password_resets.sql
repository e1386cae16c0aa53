-- Password reset links, made by an admin for one account and handed on by
-- hand (no e-mail is sent). Only the SHA-256 of the link's secret is
-- stored; a link works once, until it expires or is withdrawn (by an
-- admin, a newer link for the account, or a new password).
CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    secret_hash TEXT NOT NULL UNIQUE,
    made_by INTEGER NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    withdrawn_at TEXT
);
CREATE INDEX password_resets_account ON password_resets(account_id);

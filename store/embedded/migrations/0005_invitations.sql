-- Invitations to steward a group: a link given to one person, used up
-- when accepted. Only the SHA-256 of the link's secret is stored.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id),
    secret_hash TEXT NOT NULL UNIQUE,
    invited_by INTEGER NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_by INTEGER REFERENCES accounts(id),
    accepted_at TEXT,
    withdrawn_at TEXT
);
CREATE INDEX invitations_group ON invitations(group_id);

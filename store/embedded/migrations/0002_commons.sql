-- The commons registry (issue 6). A resource is stored whole as JSON
-- (every revision and the moderation log inside), saved only over the
-- version it was read at: the UPDATE ... WHERE version = ? is the
-- optimistic lock.

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'moderator', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE credentials (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('session', 'token')),
    user_id INTEGER NOT NULL REFERENCES accounts(id),
    secret_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    csrf TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);
CREATE INDEX credentials_user ON credentials(user_id);

CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE group_stewards (
    group_id INTEGER NOT NULL REFERENCES groups(id),
    user_id INTEGER NOT NULL REFERENCES accounts(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id),
    version INTEGER NOT NULL,
    doc TEXT NOT NULL
);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    resource_id INTEGER NOT NULL REFERENCES resources(id),
    doc TEXT NOT NULL
);

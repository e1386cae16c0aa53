-- Invitations to steward a group: a link given to one person, used up
-- when accepted. Only the SHA-256 of the link's secret is stored.
CREATE TABLE invitations (
    id BIGSERIAL PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id),
    secret_hash TEXT NOT NULL UNIQUE,
    invited_by BIGINT NOT NULL REFERENCES accounts(id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    accepted_by BIGINT REFERENCES accounts(id),
    accepted_at TIMESTAMPTZ,
    withdrawn_at TIMESTAMPTZ
);
CREATE INDEX invitations_group ON invitations(group_id);
COMMENT ON TABLE invitations IS
    'learnscape: links that invite one person each to steward a group, stored as hashes (internal: through the API).';

-- Password reset links, made by an admin for one account and handed on by
-- hand (no e-mail is sent). Only the SHA-256 of the link's secret is
-- stored; a link works once, until it expires or is withdrawn (by an
-- admin, a newer link for the account, or a new password).
CREATE TABLE password_resets (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    secret_hash TEXT NOT NULL UNIQUE,
    made_by BIGINT NOT NULL REFERENCES accounts(id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ,
    withdrawn_at TIMESTAMPTZ
);
CREATE INDEX password_resets_account ON password_resets(account_id);
COMMENT ON TABLE password_resets IS
    'learnscape: one-time links that set a forgotten password, stored as hashes (internal: through the API).';

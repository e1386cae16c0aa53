-- The commons registry. A resource is stored whole as JSON (every revision
-- and the moderation log inside), saved only over the version it was read
-- at: UPDATE ... WHERE version = $n is the optimistic lock. Each write also
-- sends NOTIFY learnscape_changes in its transaction, so other server
-- processes learn of it when, and only if, it commits.

CREATE TABLE accounts (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'moderator', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE credentials (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('session', 'token')),
    user_id BIGINT NOT NULL REFERENCES accounts(id),
    secret_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    csrf TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX credentials_user ON credentials(user_id);

CREATE TABLE groups (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE group_stewards (
    group_id BIGINT NOT NULL REFERENCES groups(id),
    user_id BIGINT NOT NULL REFERENCES accounts(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE resources (
    id BIGSERIAL PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id),
    version BIGINT NOT NULL,
    doc JSONB NOT NULL
);

CREATE TABLE reports (
    id BIGSERIAL PRIMARY KEY,
    resource_id BIGINT NOT NULL REFERENCES resources(id),
    doc JSONB NOT NULL
);

-- What the public sees of each resource (Resource::public_place: the
-- approved revision, a sensitive one at its coarse cell), kept in step by
-- every resource write in the same transaction. Tiles are cut from it.
CREATE TABLE commons_places (
    resource_id BIGINT PRIMARY KEY REFERENCES resources(id),
    id          TEXT NOT NULL UNIQUE,
    category    TEXT NOT NULL,
    name        TEXT,
    geom        geometry(Geometry, 4326) NOT NULL,
    rep_lon     DOUBLE PRECISION NOT NULL,
    rep_lat     DOUBLE PRECISION NOT NULL,
    attributes  JSONB NOT NULL
);
CREATE INDEX commons_places_geom ON commons_places USING gist (geom);

-- Imported sources and everything each brought. Every row names its source,
-- so a re-import deletes and inserts in one transaction.
CREATE TABLE sources (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    attribution TEXT NOT NULL
);

CREATE TABLE places (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources(id),
    source_ref  TEXT NOT NULL,
    category    TEXT NOT NULL,
    name        TEXT,
    geometry    BLOB NOT NULL,  -- WKB: Point or MultiPolygon
    rep_lon     REAL NOT NULL,
    rep_lat     REAL NOT NULL,
    attributes  TEXT NOT NULL   -- JSON object of strings
);
CREATE INDEX places_by_source ON places(source);

CREATE TABLE neighbourhoods (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources(id),
    name        TEXT NOT NULL,
    geometry    BLOB NOT NULL,  -- WKB MultiPolygon
    population  REAL
);
CREATE INDEX neighbourhoods_by_source ON neighbourhoods(source);

CREATE TABLE population_units (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources(id),
    geometry    BLOB NOT NULL,  -- WKB: Point or MultiPolygon
    population  REAL NOT NULL
);
CREATE INDEX population_units_by_source ON population_units(source);

-- The walk network is always read whole into the routing graph, so it is
-- kept as two packed arrays per source rather than a million rows.
CREATE TABLE walk_networks (
    source      TEXT PRIMARY KEY REFERENCES sources(id),
    node_count  INTEGER NOT NULL,
    nodes       BLOB NOT NULL,
    segments    BLOB NOT NULL
);

-- The basemap is read whole too (tiles are cut in memory): features are
-- packed into blobs of up to 20,000 (see src/basemap_codec.rs).
CREATE TABLE basemap_chunks (
    source      TEXT NOT NULL REFERENCES sources(id),
    part        INTEGER NOT NULL,
    feature_count INTEGER NOT NULL,
    features    BLOB NOT NULL,
    PRIMARY KEY (source, part)
);

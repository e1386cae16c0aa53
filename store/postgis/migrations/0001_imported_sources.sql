-- Imported sources and everything each brought. Every row names its source
-- (ON DELETE CASCADE, and explicitly for the basemap), so a re-import is a
-- DELETE and a COPY per table in one transaction. Geometries are WGS84 (SRID 4326) with GiST indexes, so a
-- city GIS team can query them next to its own data.

CREATE TABLE sources (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    attribution TEXT NOT NULL
);

CREATE TABLE places (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    source_ref  TEXT NOT NULL,
    category    TEXT NOT NULL,
    name        TEXT,
    geom        geometry(Geometry, 4326) NOT NULL,  -- Point or MultiPolygon
    rep_lon     DOUBLE PRECISION NOT NULL,
    rep_lat     DOUBLE PRECISION NOT NULL,
    attributes  JSONB NOT NULL
);
CREATE INDEX places_by_source ON places(source);
CREATE INDEX places_geom ON places USING gist (geom);

CREATE TABLE neighbourhoods (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    geom        geometry(MultiPolygon, 4326) NOT NULL,
    population  DOUBLE PRECISION
);
CREATE INDEX neighbourhoods_by_source ON neighbourhoods(source);
CREATE INDEX neighbourhoods_geom ON neighbourhoods USING gist (geom);

CREATE TABLE population_units (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    geom        geometry(Geometry, 4326) NOT NULL,
    population  DOUBLE PRECISION NOT NULL
);
CREATE INDEX population_units_by_source ON population_units(source);
CREATE INDEX population_units_geom ON population_units USING gist (geom);

-- Read whole into the routing graph at start-up: two packed arrays per
-- source (learnscape_core::walk_packed) instead of a million rows.
CREATE TABLE walk_networks (
    source      TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    node_count  BIGINT NOT NULL,
    nodes       BYTEA NOT NULL,
    segments    BYTEA NOT NULL
);
-- Packed doubles barely compress, and compressing 40 MB took longer than
-- the rest of the write: store them as they are.
ALTER TABLE walk_networks ALTER COLUMN nodes SET STORAGE EXTERNAL,
                          ALTER COLUMN segments SET STORAGE EXTERNAL;

-- One row per feature: tiles are cut here with ST_AsMVT. `ordinal` keeps
-- the import order, which is the drawing order within a layer; `minzoom`
-- is the zoom it is drawn from (learnscape_tiles::basemap_minzoom), and
-- `geom_3857` its Web Mercator copy, projected at import (in parallel, by
-- learnscape) instead of on every tile request. One GiST index (on `geom`)
-- serves both bounding-box reads and tiles: a second one would double the
-- import's index work. No foreign key and no primary key: checking 150,000
-- rows against them doubled the COPY; the store deletes a source's rows
-- itself (rows.rs), and (source, ordinal) is unique by construction.
CREATE TABLE basemap (
    source      TEXT NOT NULL,
    ordinal     BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    residential BOOLEAN NOT NULL,
    class       TEXT NOT NULL,
    name        TEXT,
    population  DOUBLE PRECISION,
    minzoom     SMALLINT NOT NULL,
    geom        geometry(Geometry, 4326) NOT NULL,
    geom_3857   geometry(Geometry, 3857) NOT NULL
);
CREATE INDEX basemap_by_source ON basemap(source);
CREATE INDEX basemap_geom ON basemap USING gist (geom);

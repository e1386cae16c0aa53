-- What each table and column holds, in the database itself: a GIS team
-- that opens these tables in psql (\d+), QGIS or pgAdmin reads it there,
-- next to its own data, including the licence of what came from
-- OpenStreetMap. (Earlier migrations' comments are frozen by their
-- checksums; where they no longer match, these are the ones kept true.)

COMMENT ON TABLE sources IS
    'learnscape: each imported file (OSM extract, boundaries, population, facility list). '
    'A re-import of a source replaces all its rows in every table in one transaction. '
    'Written only by learnscape''s imports (`learnscape import`, `serve --dataset`): read these tables, do not edit them.';
COMMENT ON COLUMN sources.id IS 'The source''s name, e.g. osm-liechtenstein; every row it brought names it.';
COMMENT ON COLUMN sources.kind IS 'osm, neighbourhoods, population or facilities.';
COMMENT ON COLUMN sources.path IS 'The file it was read from.';
COMMENT ON COLUMN sources.sha256 IS 'SHA-256 of the file: `learnscape serve --dataset` skips re-importing a file that is unchanged.';
COMMENT ON COLUMN sources.imported_at IS 'When the import read the file.';
COMMENT ON COLUMN sources.attribution IS
    'Credit owed for this source''s data, shown on the map and in exports; '
    'for OSM sources © OpenStreetMap contributors under the ODbL 1.0, which every use of their rows must show.';

COMMENT ON TABLE places IS
    'learnscape: learning spaces (libraries, community centres, parks, makerspaces, schools...) '
    'from the imported sources; approved commons resources are in commons_places. '
    'Rows from OSM sources are © OpenStreetMap contributors, ODbL 1.0 (sources.attribution).';
COMMENT ON COLUMN places.id IS 'source:source_ref, stable across re-imports of the same data.';
COMMENT ON COLUMN places.source IS 'sources.id of the file it came from.';
COMMENT ON COLUMN places.source_ref IS 'Its id in the source: n123, w123 or r123 for OSM, the id column or line N for CSV, the feature id or index for GeoJSON.';
COMMENT ON COLUMN places.category IS 'library, community_centre, park, makerspace, school... (learnscape''s categories.md).';
COMMENT ON COLUMN places.name IS 'Its name, when it has one.';
COMMENT ON COLUMN places.geom IS 'A point, or the area of a place mapped as one (WGS84).';
COMMENT ON COLUMN places.rep_lon IS 'Longitude of a point inside geom, for labels and lists.';
COMMENT ON COLUMN places.rep_lat IS 'Latitude of that point.';
COMMENT ON COLUMN places.attributes IS 'Kept tags: opening_hours, wheelchair, website, operator, capacity, addr:*, contact:*...';

COMMENT ON TABLE neighbourhoods IS 'learnscape: the areas figures are reported for (boundary imports).';
COMMENT ON COLUMN neighbourhoods.id IS 'source:reference, stable across re-imports of the same file.';
COMMENT ON COLUMN neighbourhoods.source IS 'sources.id of the boundary file.';
COMMENT ON COLUMN neighbourhoods.name IS 'Its name, from the file''s name field.';
COMMENT ON COLUMN neighbourhoods.geom IS 'Its boundary (WGS84).';
COMMENT ON COLUMN neighbourhoods.population IS 'Residents, when the boundary file carries a figure; NULL otherwise.';

COMMENT ON TABLE population_units IS 'learnscape: where residents live (population imports: points or areas with a head count).';
COMMENT ON COLUMN population_units.id IS 'source:reference, stable across re-imports of the same file.';
COMMENT ON COLUMN population_units.source IS 'sources.id of the population file.';
COMMENT ON COLUMN population_units.geom IS 'The unit''s point or area (WGS84).';
COMMENT ON COLUMN population_units.population IS 'Residents of the unit.';

COMMENT ON TABLE walk_networks IS
    'learnscape: the street network people can walk, one row per OSM source, '
    'read whole into the routing graph by each server at start-up. '
    '© OpenStreetMap contributors, ODbL 1.0.';
COMMENT ON COLUMN walk_networks.source IS 'sources.id of the OSM extract.';
COMMENT ON COLUMN walk_networks.node_count IS 'How many nodes the nodes array holds.';
COMMENT ON COLUMN walk_networks.nodes IS 'Packed little-endian, 24 bytes a node: OSM node id (int64), lon, lat (float64).';
COMMENT ON COLUMN walk_networks.segments IS
    'Packed little-endian, 24 bytes a segment: from, to (uint32 indexes into nodes), length in metres (float64), OSM way id (int64).';

COMMENT ON TABLE basemap IS
    'learnscape: the map''s background features (roads, railways, water, green, land use, buildings, place labels), '
    'one row each; the basemap tiles are cut from it. '
    '© OpenStreetMap contributors, ODbL 1.0.';
COMMENT ON COLUMN basemap.source IS 'sources.id of the OSM extract.';
COMMENT ON COLUMN basemap.ordinal IS 'Import order within the source, which is the drawing order; (source, ordinal) is unique.';
COMMENT ON COLUMN basemap.kind IS 'road, railway, water, waterway, green, landuse, building or place_label.';
COMMENT ON COLUMN basemap.residential IS 'For buildings: whether people live there (learnscape''s walk-model.md); false for the rest.';
COMMENT ON COLUMN basemap.class IS 'The finer class within the kind: the road class, the OSM tag value, the place type.';
COMMENT ON COLUMN basemap.name IS 'Its name, when it has one.';
COMMENT ON COLUMN basemap.population IS 'Residents of a place label (population=*), when tagged.';
COMMENT ON COLUMN basemap.minzoom IS 'The lowest zoom whose tiles draw it.';
COMMENT ON COLUMN basemap.geom IS 'The feature (WGS84).';
COMMENT ON COLUMN basemap.geom_3857 IS 'The same feature in Web Mercator, projected at import for cutting tiles.';

COMMENT ON TABLE commons_places IS
    'learnscape: the approved shared resources registered by commoning groups, as the public map shows them; '
    'each under the licence in attributes->>''licence'' (CC0 or ODbL). Kept in step with resources by every write.';
COMMENT ON COLUMN commons_places.resource_id IS 'resources.id of the resource.';
COMMENT ON COLUMN commons_places.id IS 'Its place id on the map and in the API.';
COMMENT ON COLUMN commons_places.category IS 'Its category, as in places.category.';
COMMENT ON COLUMN commons_places.name IS 'Its name.';
COMMENT ON COLUMN commons_places.geom IS
    'Its point or area (WGS84); a sensitive resource is at the centre of its fixed cell of about 1 km instead.';
COMMENT ON COLUMN commons_places.rep_lon IS 'Longitude of a point inside geom.';
COMMENT ON COLUMN commons_places.rep_lat IS 'Latitude of that point.';
COMMENT ON COLUMN commons_places.attributes IS
    'offers, access_terms, licence, location_precision, opening_hours, wheelchair, website... of the approved revision.';

COMMENT ON TABLE accounts IS 'learnscape: people signed up to the commons (internal: change roles with `learnscape role`).';
COMMENT ON TABLE credentials IS 'learnscape: sign-in sessions and API tokens, stored as hashes (internal).';
COMMENT ON TABLE groups IS 'learnscape: commoning groups (internal: through the API).';
COMMENT ON TABLE group_stewards IS 'learnscape: who stewards each group (internal: through the API).';
COMMENT ON TABLE resources IS
    'learnscape: every registered resource whole, as JSON with every revision and the moderation log (internal: through the API; '
    'the approved ones are readable in commons_places).';
COMMENT ON TABLE reports IS 'learnscape: residents'' reports of wrong, gone or harmful entries (internal: through the API).';
COMMENT ON TABLE rate_attempts IS 'learnscape: rate-limit counters shared by the server processes (internal, unlogged).';

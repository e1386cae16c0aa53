-- Towns' and districts' other names are kept too (kind 'other_name' with
-- the place label's class and point: "Helsingfors" for Helsinki), so
-- that search finds a house by the town's name in another language.
-- Only what the columns say changes.
COMMENT ON TABLE basemap IS
    'learnscape: the map''s background features (roads, railways, water, green, land use, buildings, place labels) '
    'and the house numbers, postcodes and other names of roads and towns search finds, one row each; the basemap tiles are cut from it. '
    '© OpenStreetMap contributors, ODbL 1.0.';
COMMENT ON COLUMN basemap.kind IS 'road, railway, water, waterway, green, landuse, building, place_label, address (a house number), postcode or other_name (a road''s, square''s or place label''s other name); the last three are not drawn.';
COMMENT ON COLUMN basemap.class IS 'The finer class within the kind: the road class, the OSM tag value, the place type (for an other name, that of what it names); for an address its house number, for a postcode the code.';

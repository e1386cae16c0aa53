-- The basemap also holds roads' and squares' other names (kind
-- 'other_name': name:sv, loc_name, alt_name…), each with its road's class
-- and geometry, kept for search and never drawn (minzoom 255). Only what
-- the columns say changes.
COMMENT ON TABLE basemap IS
    'learnscape: the map''s background features (roads, railways, water, green, land use, buildings, place labels) '
    'and the house numbers, postcodes and roads'' other names search finds, one row each; the basemap tiles are cut from it. '
    '© OpenStreetMap contributors, ODbL 1.0.';
COMMENT ON COLUMN basemap.kind IS 'road, railway, water, waterway, green, landuse, building, place_label, address (a house number), postcode or other_name (a road''s or square''s other name); the last three are not drawn.';
COMMENT ON COLUMN basemap.class IS 'The finer class within the kind: the road class (for an other name, its road''s), the OSM tag value, the place type; for an address its house number, for a postcode the code.';
COMMENT ON COLUMN basemap.name IS 'Its name, when it has one; for an address the street (addr:street, else addr:place), for a postcode the town most of its addresses name (addr:city), for an other name that name.';
COMMENT ON COLUMN basemap.minzoom IS 'The lowest zoom whose tiles draw it; 255 for what no tile draws (addresses, postcodes, other names).';
